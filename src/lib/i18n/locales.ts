// Which languages Kaigi speaks and how an address carries one. Browser-safe and free of `$lib`
// imports, so the server hooks, the pages and plain-Node scripts (mail) share it.
import { baseLocale, locales } from '../paraglide/runtime.js';

export type Locale = (typeof locales)[number];
export { baseLocale, locales };

/** The cookie that remembers the language a visitor chose. */
export const LANGUAGE_COOKIE = 'kaigi_lang';

/** A language's name in itself, as the switcher shows it: "English", "日本語", "ไทย". */
export function languageName(locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
	} catch {
		return locale;
	}
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The language a value names, or null: 'ja', 'ja-JP' and 'JA' all name Japanese. */
export function toLocale(value: string | null | undefined): Locale | null {
	if (!value) return null;
	const lower = value.trim().toLowerCase();
	if (isLocale(lower)) return lower;
	const language = lower.split('-')[0];
	return isLocale(language) ? language : null;
}

/**
 * The language an address names by its first segment (`/ja/events/x`), with the address
 * without it; `/en/…` names English explicitly (the switcher's way back), a bare address none.
 */
export function splitLocalePath(pathname: string): { locale: Locale | null; path: string } {
	const match = /^\/([a-z]{2,3}(?:-[A-Za-z]{2,4})?)(\/.*)?$/.exec(pathname);
	if (match && isLocale(match[1])) return { locale: match[1], path: match[2] || '/' };
	return { locale: null, path: pathname };
}

/** An address in a language: English has no prefix, every other language its own. */
export function localizePath(path: string, locale: Locale): string {
	const bare = splitLocalePath(path).path;
	if (locale === baseLocale) return bare;
	return bare === '/' ? `/${locale}` : `/${locale}${bare}`;
}

/** Like localizePath, for an href that may carry a query or fragment; other sites' left alone. */
export function localizeHref(href: string, locale: Locale): string {
	if (!href.startsWith('/') || href.startsWith('//')) return href;
	const at = href.search(/[?#]/);
	const path = at < 0 ? href : href.slice(0, at);
	const rest = at < 0 ? '' : href.slice(at);
	return localizePath(path, locale) + rest;
}

/** The best supported language of an Accept-Language header, by its weights, or null. */
export function negotiateLocale(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.slice(0, 20)
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
			const weight = q ? Number(q[1]) : 1;
			return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
		})
		.filter((entry) => entry.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	for (const { tag } of ranked) {
		const locale = toLocale(tag);
		if (locale) return locale;
	}
	return null;
}
