// How a participant's name is written on lists and at the check-in desk: honorific, FAMILY name
// in capitals, then the given name ("Ms. NGUYEN Thi Minh Khai"), as ASEAN lists of participants
// do, so a person with one name ("Mr. SUHARTO") reads the same way. Browser-safe.

export type NameParts = {
	honorific?: string | null;
	given_name?: string | null;
	family_name: string;
};

/** "Ms. NGUYEN Thi Minh Khai". */
export function participantName(p: NameParts): string {
	return [p.honorific?.trim(), p.family_name.trim().toLocaleUpperCase('en'), p.given_name?.trim()]
		.filter(Boolean)
		.join(' ');
}

/** Words a registration status is shown with. */
export const STATUS_LABEL = {
	pending: 'Pending approval',
	confirmed: 'Confirmed',
	waitlisted: 'On the waiting list',
	declined: 'Declined',
	cancelled: 'Cancelled'
} as const;

/** Words a participant category is shown with. */
export const CATEGORY_LABEL = {
	head_of_delegation: 'Head of delegation',
	delegate: 'Delegate',
	observer: 'Observer',
	resource_person: 'Resource person',
	secretariat: 'Secretariat',
	press: 'Press'
} as const;
