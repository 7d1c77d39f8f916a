import type { SeatsOpened } from './decision.service.ts';

// What an organizer is told after raising a capacity or a quota. The outcome rides in the URL
// of the page the save redirects to, as small numbers only, and is put in words there.

/** The URL parameters that carry the outcome (none when nothing opened). */
export function seatsOpenedParams(seats: SeatsOpened | null): Record<string, string> {
	if (!seats) return {};
	const params: Record<string, string> = {};
	if (seats.promoted > 0) params.promoted = String(seats.promoted);
	if (seats.pending > 0 && (seats.free === null || seats.free > 0)) {
		params.pending = String(seats.pending);
		params.free = seats.free === null ? 'any' : String(seats.free);
	}
	return params;
}

const count = (value: string | null) =>
	value && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : 0;

const people = (n: number) => (n === 1 ? 'one person' : `${n} people`);

/** The sentence for the page, or null when the URL carries no outcome. */
export function seatsOpenedNotice(params: URLSearchParams): string | null {
	const promoted = count(params.get('promoted'));
	const pending = count(params.get('pending'));
	const free = params.get('free') === 'any' ? null : count(params.get('free'));
	const sentences: string[] = [];
	if (promoted > 0) {
		sentences.push(
			`${people(promoted)} from the waiting list ${promoted === 1 ? 'was' : 'were'} confirmed, in their order on the list, and told by e-mail.`
		);
	}
	if (pending > 0 && free !== 0) {
		const seats = free === null ? 'Seats are' : free === 1 ? 'One seat is' : `${free} seats are`;
		sentences.push(
			`${seats} now free for the ${pending === 1 ? 'registration' : `${pending} registrations`} awaiting your approval.`
		);
	}
	return sentences.length ? sentences.join(' ') : null;
}
