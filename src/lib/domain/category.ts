// How a person takes part in a meeting: the one list of categories, each with the word it is
// shown with and its plural (for "open to Heads of delegation, Delegates"). Browser-safe.

export const CATEGORIES = [
	'head_of_delegation',
	'delegate',
	'observer',
	'resource_person',
	'secretariat',
	'press'
] as const;

export type Category = (typeof CATEGORIES)[number];

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

/** True for a known category code. */
export function isCategory(value: string): value is Category {
	return (CATEGORIES as readonly string[]).includes(value);
}
