// How a person's name is written, one function per use. Browser-safe.
//
// One convention for every list, as intergovernmental lists of participants write names: the
// FAMILY name in capitals, then the given name, so the reader knows which is which whatever
// order the person's culture uses. A person with one name (common in Indonesia and Myanmar:
// family name "Suharto", no given name) is written exactly as they wrote it, on every list.
//
//   Vietnamese, family first — family "Nguyễn", given "Thị Minh Khai", honorific "Ms.":
//     list, manifest, formal address: "Ms. NGUYỄN Thị Minh Khai"; badge: "NGUYỄN Thị Minh Khai"
//   Indonesian, one name — family "Suharto", given none, honorific "Mr.":
//     list, manifest, formal address: "Mr. Suharto"; badge: "Suharto"

export type PersonName = {
	honorific?: string | null;
	given_name?: string | null;
	family_name: string;
};

/** "NGUYỄN Thị Minh Khai"; "Suharto" (one name, as written). No honorific. */
export function personName(person: PersonName): string {
	const family = person.family_name.trim();
	const given = person.given_name?.trim();
	if (!given) return family;
	if (!family) return given;
	return `${family.toLocaleUpperCase('en')} ${given}`;
}

function withHonorific(person: PersonName): string {
	const honorific = person.honorific?.trim();
	return honorific ? `${honorific} ${personName(person)}` : personName(person);
}

/**
 * The name on the List of Participants and every staff list made from it (attendee list,
 * check-in desk, logistics lists): "Ms. NGUYỄN Thị Minh Khai", "Mr. Suharto".
 */
export function listName(person: PersonName): string {
	return withHonorific(person);
}

/**
 * The name on a field visit's bus manifest: the same line as on the List of Participants
 * ("Ms. NGUYỄN Thị Minh Khai", "Mr. Suharto"), so the escort finds the person it knows.
 */
export function manifestName(person: PersonName): string {
	return listName(person);
}

/**
 * The name printed on a badge: the one the person chose for it, else their name without the
 * honorific ("NGUYỄN Thị Minh Khai", "Suharto"). Also the default a registration stores.
 */
export function badgeName(person: PersonName & { badge_name?: string | null }): string {
	return person.badge_name?.trim() || personName(person);
}

/**
 * How a message addresses the person ("Dear Ms. NGUYỄN Thị Minh Khai", "Dear Mr. Suharto"):
 * with the honorific, and the family name marked, since the order of the parts differs by culture.
 */
export function formalAddress(person: PersonName): string {
	return withHonorific(person);
}

/**
 * How a message in Japanese addresses the person: family name first, no comma, and 様 in place
 * of the honorific ("NGUYỄN Thị Minh Khai 様", "山本 博 様", "Suharto 様").
 */
export function formalAddressJa(person: PersonName): string {
	return `${japaneseOrderName(person)} 様`;
}

/**
 * A name as a Japanese page writes it: family name first, a space, no comma, no honorific
 * ("NGUYỄN Thị Minh Khai", "山本 博", "Suharto").
 */
export function japaneseOrderName(person: PersonName): string {
	const family = person.family_name.trim();
	const given = person.given_name?.trim();
	if (!given) return family;
	if (!family) return given;
	const latin = /\p{Script=Latin}/u.test(family);
	return `${latin ? family.toLocaleUpperCase('en') : family} ${given}`;
}

/** The formal address in a language ("Ms. NGUYỄN Thị Minh Khai"; "NGUYỄN Thị Minh Khai 様"). */
export function formalAddressIn(person: PersonName, locale: string): string {
	return locale === 'ja' ? formalAddressJa(person) : formalAddress(person);
}

/**
 * The key lists are sorted by: family name then given name, lower case, accents folded
 * ("nguyen thi minh khai", "suharto"), as the database's `sort_name` column orders them.
 */
export function nameSortKey(person: PersonName): string {
	return `${fold(person.family_name)} ${fold(person.given_name ?? '')}`;
}

const UNDECOMPOSED: Record<string, string> = {
	đ: 'd',
	Đ: 'd',
	ø: 'o',
	Ø: 'o',
	ł: 'l',
	Ł: 'l',
	ı: 'i'
};

/** Lower case without diacritics, as the database's kaigi_fold() (migration 0050). */
function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐøØłŁı]/g, (c) => UNDECOMPOSED[c])
		.toLowerCase();
}
