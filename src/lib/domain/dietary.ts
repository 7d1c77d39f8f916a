// A dietary requirement: the one list, the word lists and exports show, and the form's wording
// where the form asks differently ("Other (please describe)"). Browser-safe.
import type { Locale } from '../i18n/locales.ts';
import { m } from '../paraglide/messages.js';

export const DIETARY_REQUIREMENTS = [
	'none',
	'vegetarian',
	'vegan',
	'halal',
	'kosher',
	'other'
] as const;

export type Dietary = (typeof DIETARY_REQUIREMENTS)[number];

/** "Vegetarian"; "Other" (the person's notes say what): the English word, for files. */
export function dietaryLabel(dietary: Dietary): string {
	return dietaryText(dietary, 'label', 'en');
}

/** The requirement with the person's notes: "Other: no shellfish"; '' when there is none. */
export function dietaryDescription(
	dietary: Dietary,
	notes: string | null | undefined,
	locale?: Locale
): string {
	if (dietary === 'none') return '';
	const label = dietaryText(dietary, 'label', locale ?? 'en');
	return [label, notes?.trim()].filter(Boolean).join(m.punct_colon({}, { locale: locale ?? 'en' }));
}

type Text = (inputs?: object, options?: { locale?: Locale }) => string;
const DIETARY_TEXT: Record<Dietary, { label: Text; formLabel: Text }> = {
	none: { label: m.dietary_none, formLabel: m.dietary_none },
	vegetarian: { label: m.dietary_vegetarian, formLabel: m.dietary_vegetarian },
	vegan: { label: m.dietary_vegan, formLabel: m.dietary_vegan },
	halal: { label: m.dietary_halal, formLabel: m.dietary_halal },
	kosher: { label: m.dietary_kosher, formLabel: m.dietary_kosher },
	other: { label: m.dietary_other, formLabel: m.dietary_other_form }
};

/** The requirement in the language of the page: as lists show it, or as the form asks it. */
export function dietaryText(
	value: Dietary,
	use: 'label' | 'formLabel' = 'label',
	locale?: Locale
): string {
	return DIETARY_TEXT[value][use]({}, locale ? { locale } : {});
}
