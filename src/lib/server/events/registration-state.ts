import { nextDay } from '../../schemas/event.ts';
import { formatDate, formatTime, startOfDay, zoneLabel } from '../../time.ts';
import type { EventStatus, RegistrationMode } from '../db/schema.ts';

// Whether, and how, people can register for an event at an instant. Pure, so the event page,
// the registration form, invitations and the dashboard all say the same thing.

export type RegistrationStateKind =
	'unavailable' | 'cancelled' | 'over' | 'closed' | 'not_yet_open' | 'invitation' | 'full' | 'open';

export type RegistrationState = {
	kind: RegistrationStateKind;
	/** One sentence for people: "Registration opens 1 Aug 2026, 09:00 Tokyo time (UTC+9)". */
	label: string;
	/** A second sentence, or null: "The organisers confirm each registration." */
	detail: string | null;
	/** The public form takes registrations now (open/approval modes; when full, to the waiting list). */
	publicFormOpen: boolean;
	/** An invited person may register now (window open, or invitations may bypass the window). */
	invitationsAccepted: boolean;
	/** Every seat of the event's capacity is taken. */
	full: boolean;
};

export type RegistrationStateEvent = {
	status: EventStatus;
	registration_mode: RegistrationMode;
	registration_opens_at: Date | null;
	registration_closes_at: Date | null;
	invitations_bypass_window: boolean;
	capacity: number | null;
	seats_taken: number;
	ends_on: string;
	time_zone: string;
};

/** "1 Aug 2026, 09:00 Tokyo time (UTC+9)". */
export function formatMoment(at: Date, timeZone: string): string {
	return `${formatDate(at, timeZone, { weekday: false })}, ${formatTime(at, timeZone)} ${zoneLabel(timeZone, at)}`;
}

/** The instant an event is over: the end of its last day in its zone. */
export function eventEndsAt(event: { ends_on: string; time_zone: string }): Date {
	return startOfDay(nextDay(event.ends_on), event.time_zone);
}

function state(
	kind: RegistrationStateKind,
	label: string,
	extra: Partial<Omit<RegistrationState, 'kind' | 'label'>> = {}
): RegistrationState {
	return {
		kind,
		label,
		detail: null,
		publicFormOpen: false,
		invitationsAccepted: false,
		full: false,
		...extra
	};
}

/** How registration stands for an event at an instant (use now() from clock.ts). */
export function registrationState(event: RegistrationStateEvent, at: Date): RegistrationState {
	const tz = event.time_zone;
	if (event.status === 'draft' || event.status === 'archived') {
		return state('unavailable', 'Registration is not available');
	}
	if (event.status === 'cancelled') return state('cancelled', 'This event has been cancelled');
	if (at >= eventEndsAt(event)) return state('over', 'Registration closed: the event has ended');
	if (event.status === 'closed') return state('closed', 'Registration closed');

	const opens = event.registration_opens_at;
	const closes = event.registration_closes_at;
	const notYet = opens !== null && at < opens;
	const past = closes !== null && at >= closes;
	const windowOpen = !notYet && !past;
	const full = event.capacity !== null && event.seats_taken >= event.capacity;
	const invitationsAccepted = windowOpen || event.invitations_bypass_window;
	const until = closes ? ` until ${formatMoment(closes, tz)}` : '';

	if (event.registration_mode === 'invitation') {
		const detail = notYet
			? `Invited delegates can register from ${formatMoment(opens!, tz)}.`
			: windowOpen && closes
				? `Invited delegates can register${until}.`
				: null;
		return state('invitation', 'By invitation only', {
			detail,
			invitationsAccepted,
			full
		});
	}
	if (notYet) {
		return state('not_yet_open', `Registration opens ${formatMoment(opens!, tz)}`, {
			invitationsAccepted,
			full
		});
	}
	if (past) return state('closed', 'Registration closed', { invitationsAccepted, full });
	const review =
		event.registration_mode === 'approval' ? 'The organisers confirm each registration.' : null;
	if (full) {
		return state('full', 'Full — new registrations join the waiting list', {
			detail: closes ? `Registration open${until}.` : null,
			publicFormOpen: true,
			invitationsAccepted,
			full
		});
	}
	return state('open', `Registration open${until}`, {
		detail: review,
		publicFormOpen: true,
		invitationsAccepted
	});
}
