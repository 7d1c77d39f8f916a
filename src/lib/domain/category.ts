// How a person takes part in a meeting: the one list of categories, each with the word it is
// shown with and its plural (for "open to Heads of delegation, Delegates"). Browser-safe.
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import type { Locale } from '../i18n/locales.ts';

export const CATEGORIES = [
	'head_of_delegation',
	'delegate',
	'observer',
	'resource_person',
	'secretariat',
	'press'
] as const;

export type Category = (typeof CATEGORIES)[number];

// What a person reads in their language (messages/*.json); the English words (categoryLabel)
// are the words of exports, imports and logs.
const CATEGORY_TEXT: Record<Category, (inputs?: object, options?: { locale?: Locale }) => string> =
	{
		head_of_delegation: m.category_head_of_delegation,
		delegate: m.category_delegate,
		observer: m.category_observer,
		resource_person: m.category_resource_person,
		secretariat: m.category_secretariat,
		press: m.category_press
	};

/** "Head of delegation", "代表団長": the category in the language of the page, or in `locale`. */
export function categoryText(category: Category, locale?: Locale): string {
	return CATEGORY_TEXT[category]({}, locale ? { locale } : {});
}

// English plurals (Japanese has one word for both): "open to Heads of delegation, Delegates".
const PLURAL: Record<Category, string> = {
	head_of_delegation: 'Heads of delegation',
	delegate: 'Delegates',
	observer: 'Observers',
	resource_person: 'Resource persons',
	secretariat: 'Secretariat',
	press: 'Press'
};

/** "Head of delegation": the English word, for files, imports and logs. */
export function categoryLabel(category: Category): string {
	return categoryText(category, 'en');
}

/** "Heads of delegation". */
export function categoryPlural(category: Category): string {
	return PLURAL[category];
}

/**
 * The places of a category in the language of the page: "Heads of delegation" in English,
 * where the plural says it; 代表団長 in Japanese, which has one word for both.
 */
export function categoryPluralText(category: Category): string {
	return getLocale() === 'en' ? categoryPlural(category) : categoryText(category);
}

/** categoryPluralText in a given language, for mails and a focal point's page. */
export function categoryPluralIn(category: Category, locale: Locale): string {
	return locale === 'en' ? categoryPlural(category) : categoryText(category, locale);
}

/** The category in a given language ("Head of delegation", 代表団長), for files in the event's language. */
export function categoryLabelIn(category: Category, locale: Locale): string {
	return categoryText(category, locale);
}

/** True for a known category code. */
export function isCategory(value: string): value is Category {
	return (CATEGORIES as readonly string[]).includes(value);
}

const SPELLINGS = new Map<string, Category>(
	CATEGORIES.flatMap((c) =>
		[c, categoryLabel(c), categoryPlural(c)].map((s) => [spelling(s), c] as const)
	)
);

function spelling(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '_');
}

/** The category a person typed, by code or label in any case ("Head of delegation"), or null. */
export function parseCategory(text: string): Category | null {
	return SPELLINGS.get(spelling(text)) ?? null;
}
