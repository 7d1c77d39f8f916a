import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { nextDay } from '../schemas/event.ts';
import { formatDate, formatTime, startOfDay, zoneLabel } from '../time.ts';

// Whether an event takes registrations at an instant: its status, its registration window and
// its last day. The one home of that rule: the event page's sentence ("Registration opens …")
// and the refusal a registration meets ("Registration opens on …") both come from here.
// Capacity and the registration mode are not part of it (room.ts, registration-state.ts).
// Browser-safe.

export type WindowEvent = {
	status: 'draft' | 'published' | 'closed' | 'archived' | 'cancelled';
	registration_opens_at: Date | null;
	registration_closes_at: Date | null;
	invitations_bypass_window: boolean;
	ends_on: string;
	time_zone: string;
};

export type RegistrationWindow =
	/** A draft, or an archived edition. */
	| { kind: 'unavailable' }
	| { kind: 'cancelled' }
	/** The event's last day has ended. */
	| { kind: 'over' }
	/** Closed by the organisers (`closedAt` null) or the window's closing time has passed. */
	| { kind: 'closed'; closedAt: Date | null }
	| { kind: 'not_yet_open'; opensAt: Date }
	| { kind: 'open'; closesAt: Date | null };

/** "1 Aug 2026, 09:00 Tokyo time (UTC+9)"; "2026年8月1日 09:00 東京時間 (UTC+9)". */
export function formatMoment(at: Date, timeZone: string, locale = 'en'): string {
	const separator = locale === 'en' ? ', ' : ' ';
	return `${formatDate(at, timeZone, { weekday: false }, locale)}${separator}${formatTime(at, timeZone)} ${zoneLabel(timeZone, at, locale)}`;
}

/** The instant an event is over: the end of its last day in its zone. */
export function eventEndsAt(event: Pick<WindowEvent, 'ends_on' | 'time_zone'>): Date {
	return startOfDay(nextDay(event.ends_on), event.time_zone);
}

/** Where the event's registration stands at an instant. */
export function registrationWindow(event: WindowEvent, at: Date): RegistrationWindow {
	if (event.status === 'draft' || event.status === 'archived') return { kind: 'unavailable' };
	if (event.status === 'cancelled') return { kind: 'cancelled' };
	if (at >= eventEndsAt(event)) return { kind: 'over' };
	if (event.status === 'closed') return { kind: 'closed', closedAt: null };
	const opens = event.registration_opens_at;
	const closes = event.registration_closes_at;
	if (opens !== null && at < opens) return { kind: 'not_yet_open', opensAt: opens };
	if (closes !== null && at >= closes) return { kind: 'closed', closedAt: closes };
	return { kind: 'open', closesAt: closes };
}

/** Only the window's times keep it shut, which invitations may be allowed to pass. */
function shutByTimesOnly(window: RegistrationWindow): boolean {
	return window.kind === 'not_yet_open' || (window.kind === 'closed' && window.closedAt !== null);
}

/** True when a registration is taken now: the window is open, or an invitation may pass it. */
export function takesRegistrations(
	event: WindowEvent,
	at: Date,
	options: { viaInvitation: boolean }
): boolean {
	const window = registrationWindow(event, at);
	if (window.kind === 'open') return true;
	return options.viaInvitation && event.invitations_bypass_window && shutByTimesOnly(window);
}

/** The sentence an event's page shows: "Registration opens 1 Aug 2026, 09:00 Tokyo time (UTC+9)". */
/** In the language of the request or page (Paraglide's current locale). */
export function windowSentence(window: RegistrationWindow, timeZone: string): string {
	const locale = getLocale();
	switch (window.kind) {
		case 'unavailable':
			return m.window_unavailable();
		case 'cancelled':
			return m.window_cancelled();
		case 'over':
			return m.window_over();
		case 'closed':
			return m.window_closed();
		case 'not_yet_open':
			return m.window_opens({ moment: formatMoment(window.opensAt, timeZone, locale) });
		case 'open':
			return window.closesAt
				? m.window_open_until({ moment: formatMoment(window.closesAt, timeZone, locale) })
				: m.window_open();
	}
}

export type WindowRefusal = { code: 'not_found' | 'closed'; message: string };

/**
 * Why a registration is refused now, in a sentence a delegate understands, or null when it is
 * taken. A draft event is "not found": it is not public yet.
 */
export function windowRefusal(
	event: WindowEvent,
	at: Date,
	options: { viaInvitation: boolean }
): WindowRefusal | null {
	if (takesRegistrations(event, at, options)) return null;
	const window = registrationWindow(event, at);
	const tz = event.time_zone;
	const locale = getLocale();
	switch (window.kind) {
		case 'unavailable':
			return {
				code: event.status === 'draft' ? 'not_found' : 'closed',
				message: m.refusal_not_open()
			};
		case 'cancelled':
			return { code: 'closed', message: m.refusal_cancelled() };
		case 'over':
			return { code: 'closed', message: m.refusal_over() };
		case 'closed':
			return {
				code: 'closed',
				message: window.closedAt
					? m.refusal_closed_on({ moment: formatMoment(window.closedAt, tz, locale) })
					: m.refusal_closed()
			};
		case 'not_yet_open':
			return {
				code: 'closed',
				message: m.refusal_opens_on({ moment: formatMoment(window.opensAt, tz, locale) })
			};
		case 'open':
			return null;
	}
}
