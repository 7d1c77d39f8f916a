// The columns of a registration (aliased `r`) that lists of people read. The domain's name
// functions (src/lib/domain/person-name.ts) need all three name columns: a query that forgot
// the honorific or the given name would write a person differently on one list.

/** What listName, badgeName, manifestName and formalAddress read. */
export const NAME_COLUMNS = ['r.honorific', 'r.given_name', 'r.family_name'] as const;

/** Who a registration is on any list: reference, state, category and name. */
export const PERSON_COLUMNS = [
	'r.id',
	'r.reference',
	'r.status',
	'r.category',
	...NAME_COLUMNS
] as const;
