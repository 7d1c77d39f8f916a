// Texts an organizer wrote in more than one language (an event's title, a programme item's
// place): the reader's language where one was written, else the text itself (English).
// Browser-safe; the one place that decides which text a reader sees.

import { countryNameIn } from '../countries.ts';
import { baseLocale, toLocale, type Locale } from '../i18n/locales.ts';
export type Translations = Record<string, Record<string, string>>;

/** The fields of an event that can be written in another language. */
export const EVENT_TRANSLATED = [
	'title',
	'series',
	'venue',
	'city',
	'description_md',
	'privacy_notice'
] as const;
/** The fields of a programme item that can be written in another language. */
export const PROGRAMME_TRANSLATED = ['title', 'location', 'description'] as const;
/** The fields of a field visit, and of one of its stops, that can be written in another language. */
export const VISIT_TRANSLATED = ['title', 'summary', 'meeting_point'] as const;
export const STOP_TRANSLATED = ['place', 'activity'] as const;
/** The fields of an organizer's question, of one of its choices, and of a delegation. */
export const QUESTION_TRANSLATED = ['label', 'help', 'section'] as const;
export const CHOICE_TRANSLATED = ['label'] as const;
export const DELEGATION_TRANSLATED = ['name'] as const;

/** `row[field]` in `locale` when written in it (not blank), else `row[field]` itself. */
export function inLanguage<F extends string>(
	row: { [K in F]: string } & { translations?: Translations | null },
	field: F,
	locale: string | null | undefined
): string;
export function inLanguage<F extends string>(
	row: { [K in F]: string | null } & { translations?: Translations | null },
	field: F,
	locale: string | null | undefined
): string | null;
export function inLanguage<F extends string>(
	row: { [K in F]: string | null } & { translations?: Translations | null },
	field: F,
	locale: string | null | undefined
): string | null {
	const written = locale ? row.translations?.[locale]?.[field] : undefined;
	return written && written.trim() ? written : row[field];
}

/**
 * A delegation's name for a reader of `locale`: as the organizer wrote it in that language, else
 * for a country that country's name in that language, else the name as written.
 */
export function delegationNameIn(
	delegation: {
		name: string;
		kind?: string | null;
		country_code?: string | null;
		translations?: Translations | null;
	},
	locale: string | null | undefined
): string {
	const written = locale ? delegation.translations?.[locale]?.name : undefined;
	if (written && written.trim()) return written;
	if (locale && locale !== baseLocale && delegation.kind === 'country' && delegation.country_code)
		return countryNameIn(delegation.country_code, locale);
	return delegation.name;
}

/** The row with every translatable field in `locale` (falling back to the text itself). */
export function localized<T extends { translations?: Translations | null }, F extends string>(
	row: T & { [K in F]: string | null },
	fields: readonly F[],
	locale: string | null | undefined
): T {
	if (!locale || !row.translations?.[locale]) return row;
	const out = { ...row };
	for (const field of fields)
		(out as Record<string, unknown>)[field] = inLanguage(row, field, locale);
	return out;
}

/** An event as its printed lists and badges show it: its texts in its official language. */
export function inOfficialLanguage<
	T extends { [K in (typeof EVENT_TRANSLATED)[number]]: string | null } & {
		translations?: Translations | null;
		official_language: string;
	}
>(event: T): T {
	return localized(event, EVENT_TRANSLATED, event.official_language);
}

/** The language an event's files are written in (its official one), English when unknown. */
export function officialLocale(event: { official_language: string }): Locale {
	return toLocale(event.official_language) ?? 'en';
}
