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

// What a delegate reads in their own language (messages/*.json); the English labels below stay
// the words of exports, imports and staff pages.
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

export const CATEGORY: Record<Category, { label: string; plural: string }> = {
	head_of_delegation: { label: 'Head of delegation', plural: 'Heads of delegation' },
	delegate: { label: 'Delegate', plural: 'Delegates' },
	observer: { label: 'Observer', plural: 'Observers' },
	resource_person: { label: 'Resource person', plural: 'Resource persons' },
	secretariat: { label: 'Secretariat', plural: 'Secretariat' },
	press: { label: 'Press', plural: 'Press' }
};

/** "Head of delegation". */
export function categoryLabel(category: Category): string {
	return CATEGORY[category].label;
}

/** "Heads of delegation". */
export function categoryPlural(category: Category): string {
	return CATEGORY[category].plural;
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
	return locale === 'en' ? categoryLabel(category) : categoryText(category, locale);
}

/** True for a known category code. */
export function isCategory(value: string): value is Category {
	return (CATEGORIES as readonly string[]).includes(value);
}

const SPELLINGS = new Map<string, Category>(
	CATEGORIES.flatMap((c) =>
		[c, CATEGORY[c].label, CATEGORY[c].plural].map((s) => [spelling(s), c] as const)
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
