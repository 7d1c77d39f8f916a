import { eventIsFull } from '../../domain/room.ts';
import {
	formatMoment,
	registrationWindow,
	takesRegistrations,
	windowSentence
} from '../../domain/registration-window.ts';
import type { EventStatus, RegistrationMode } from '../db/schema.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';

// Whether, and how, people can register for an event at an instant: the registration window
// (domain/registration-window.ts) with the event's mode and capacity. Pure, so the event page,
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
	const window = registrationWindow(event, at);
	const sentence = windowSentence(window, tz);
	if (window.kind === 'unavailable' || window.kind === 'cancelled' || window.kind === 'over') {
		return state(window.kind, sentence);
	}
	if (window.kind === 'closed' && window.closedAt === null) return state('closed', sentence);

	const full = eventIsFull(event);
	const invitationsAccepted = takesRegistrations(event, at, { viaInvitation: true });
	const closes = window.kind === 'open' ? window.closesAt : null;
	const locale = getLocale();

	if (event.registration_mode === 'invitation') {
		const detail =
			window.kind === 'not_yet_open'
				? m.state_invited_from({ moment: formatMoment(window.opensAt, tz, locale) })
				: window.kind === 'open' && closes
					? m.state_invited_until({ moment: formatMoment(closes, tz, locale) })
					: null;
		return state('invitation', m.state_invitation_only(), {
			detail,
			invitationsAccepted,
			full
		});
	}
	if (window.kind !== 'open') return state(window.kind, sentence, { invitationsAccepted, full });
	const review = event.registration_mode === 'approval' ? m.state_review() : null;
	if (full) {
		return state('full', m.state_full(), {
			detail: closes ? m.state_open_until({ moment: formatMoment(closes, tz, locale) }) : null,
			publicFormOpen: true,
			invitationsAccepted,
			full
		});
	}
	return state('open', sentence, {
		detail: review,
		publicFormOpen: true,
		invitationsAccepted
	});
}
