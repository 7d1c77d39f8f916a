import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { overwriteServerAsyncLocalStorage } from '../../paraglide/runtime.js';
import {
	LANGUAGE_COOKIE,
	baseLocale,
	localizeHref,
	localizePath,
	negotiateLocale,
	splitLocalePath,
	toLocale,
	type Locale
} from '../../i18n/locales.ts';

// The language of each request: the address's prefix (`/ja/…`, so a shared link keeps its
// language), else the visitor's remembered choice, else Accept-Language, else English. The
// message functions read it from this request's async context, never from a global.

type LocaleStore = { locale: Locale; origin?: string; messageCalls?: Set<string> };
const requests = new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(requests as never);

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export type LanguageDecision =
	| { kind: 'redirect'; location: string; remember: Locale | null }
	| { kind: 'serve'; locale: Locale; remember: Locale | null };

/** What a request's address, cookie and headers say about its language. */
export function decideLanguage(
	event: Pick<RequestEvent, 'url' | 'request' | 'cookies' | 'isDataRequest'>
): LanguageDecision {
	const { locale: named, path } = splitLocalePath(event.url.pathname);
	const remembered = toLocale(event.cookies.get(LANGUAGE_COOKIE));
	// `/en/…` is the switcher's way back to English: remember it and show the bare address.
	if (named === baseLocale) {
		return { kind: 'redirect', location: path + event.url.search, remember: baseLocale };
	}
	if (named) return { kind: 'serve', locale: named, remember: remembered === named ? null : named };
	const preferred =
		remembered ?? negotiateLocale(event.request.headers.get('accept-language')) ?? baseLocale;
	// A page asked for at its bare address by someone who reads another language: send them to
	// that language's address, so what they share afterwards keeps it.
	if (preferred !== baseLocale && isPageVisit(event)) {
		return {
			kind: 'redirect',
			location: localizePath(path, preferred) + event.url.search,
			remember: null
		};
	}
	return { kind: 'serve', locale: preferred, remember: null };
}

function isPageVisit(event: Pick<RequestEvent, 'request' | 'isDataRequest'>): boolean {
	return (
		event.request.method === 'GET' &&
		!event.isDataRequest &&
		(event.request.headers.get('accept') ?? '').includes('text/html')
	);
}

/** The Set-Cookie header that remembers a language for a year. */
export function languageCookie(locale: Locale, secure: boolean): string {
	return `${LANGUAGE_COOKIE}=${locale}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}

/** Runs `work` with `locale` as the language of every message function called inside it. */
export function inLocale<T>(locale: Locale, work: () => T): T {
	return requests.run({ locale }, work);
}

/** A redirect to a bare address of this site, from a request in another language, keeps it. */
export function keepLanguageInRedirect(response: Response, locale: Locale): void {
	if (locale === baseLocale || response.status < 300 || response.status > 399) return;
	const location = response.headers.get('location');
	if (!location?.startsWith('/') || splitLocalePath(location.split(/[?#]/)[0]).locale) return;
	try {
		response.headers.set('location', localizeHref(location, locale));
	} catch {
		// Immutable headers: the next request's language choice sends the visitor on.
	}
}
