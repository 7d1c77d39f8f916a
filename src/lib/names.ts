// How delegates' names are written in staff lists and official documents (browser-safe).
// The convention of intergovernmental lists of participants: the family name in capitals, so
// "NGUYỄN Thị Minh Khai" and "TANAKA Hiroshi" read the same way whatever the name order.
// Someone with one name (common in Indonesia and Myanmar) is written as they wrote it.

export type PersonName = {
	honorific?: string | null;
	given_name: string | null;
	family_name: string;
};

/** "NGUYỄN Thị Minh Khai"; a single name as written ("Sukarno"). */
export function listName(person: PersonName): string {
	const given = person.given_name?.trim();
	if (!given) return person.family_name;
	return `${person.family_name.toLocaleUpperCase('en')} ${given}`;
}

/** "Ms. NGUYỄN Thị Minh Khai", with the honorific when there is one. */
export function formalName(person: PersonName): string {
	const honorific = person.honorific?.trim();
	return honorific ? `${honorific} ${listName(person)}` : listName(person);
}
