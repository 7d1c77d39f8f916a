import type { RegistrationInput } from '../../src/lib/schemas/registration.ts';

let counter = 0;

/** A number or tag in letters ("12" → "bc"): a name as in a passport has no digits. */
export function inLetters(value: number | string): string {
	return String(value).replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]);
}

/** A valid, parsed registration for a delegation; every call a new person unless `email` is given. */
export function delegateValues(
	delegationId: number,
	overrides: Partial<RegistrationInput> = {}
): RegistrationInput {
	counter++;
	const suffix = `${counter}-${Math.random().toString(36).slice(2, 7)}`;
	return {
		honorific: 'Ms.',
		givenName: 'Thị Minh',
		familyName: `Nguyễn ${inLetters(counter)}`,
		badgeName: `Nguyễn Thị Minh ${counter}`,
		nativeName: null,
		position: 'Director, Social Protection Department',
		organisation: 'Ministry of Labour, Invalids and Social Affairs',
		delegationId,
		category: 'delegate',
		email: `delegate-${suffix}@example.org`,
		phone: '+84 24 3826 9534',
		nationality: 'VN',
		visa: null,
		dietary: 'none',
		dietaryNotes: '',
		accessibilityNeeds: '',
		arrivalAt: null,
		arrivalFlight: '',
		arrivalAirport: '',
		departureAt: null,
		departureFlight: '',
		departureAirport: '',
		accommodation: '',
		emergencyContact: '',
		consentDataProcessing: true,
		consentEmailInList: false,
		...overrides
	};
}

/** A random submission key, as a rendered form carries. */
export function submissionKey(): string {
	return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
