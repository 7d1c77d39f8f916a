import { delegationNameIn, type Translations } from '../../domain/translations.ts';

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

/**
 * The delegation (aliased `d`) of a registration as a list names it: what delegationNameIn
 * reads to name it in a reader's or a file's language.
 */
export const DELEGATION_NAME_COLUMNS = [
	'd.name as delegation_name',
	'd.kind as delegation_kind',
	'd.country_code as delegation_country',
	'd.translations as delegation_translations'
] as const;

type DelegationRow = {
	delegation_name: string;
	delegation_kind: string;
	delegation_country: string | null;
	delegation_translations: Translations;
};

/** A row's delegation (read with DELEGATION_NAME_COLUMNS) as delegationNameIn reads it. */
export function delegationNaming(row: DelegationRow) {
	return {
		name: row.delegation_name,
		kind: row.delegation_kind,
		country_code: row.delegation_country,
		translations: row.delegation_translations
	};
}

/** A row's delegation (read with DELEGATION_NAME_COLUMNS) named in `locale`. */
export function delegationOfRow(row: DelegationRow, locale: string): string {
	return delegationNameIn(delegationNaming(row), locale);
}
