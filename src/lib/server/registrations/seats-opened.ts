import { m } from '../../paraglide/messages.js';
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

/** The sentence for the page, or null when the URL carries no outcome. */
export function seatsOpenedNotice(params: URLSearchParams): string | null {
	const promoted = count(params.get('promoted'));
	const pending = count(params.get('pending'));
	const free = params.get('free') === 'any' ? null : count(params.get('free'));
	const sentences: string[] = [];
	if (promoted > 0) {
		sentences.push(
			promoted === 1 ? m.seats_promoted_one() : m.seats_promoted_many({ count: promoted })
		);
	}
	if (pending > 0 && free !== 0) {
		const registrations =
			pending === 1 ? m.seats_regs_one() : m.seats_regs_many({ count: pending });
		sentences.push(
			free === null
				? m.seats_free_any({ registrations })
				: m.seats_free_count({
						seats: free === 1 ? m.seats_one_is() : m.seats_many_are({ count: free }),
						registrations
					})
		);
	}
	return sentences.length ? sentences.join(' ') : null;
}
