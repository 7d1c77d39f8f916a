import { countryName } from '../../countries.ts';
import { eventEndsAt } from '../../domain/registration-window.ts';
import { KIND_LABELS } from '../../schemas/event.ts';
import { formatDayRange } from '../../time.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { EventStatus, StaffRole } from '../db/schema.ts';
import { listEventsForStaff, listPublicUpcoming } from './event.repository.ts';
import { registrationState, type RegistrationStateKind } from './registration-state.ts';

// Lists of events: the public home page and a staff member's own events.

export type EventCard = {
	slug: string;
	title: string;
	kind: string;
	dates: string;
	place: string;
	status: EventStatus;
	registration: { kind: RegistrationStateKind; label: string };
};

/** "Tokyo, Japan". */
export function placeOf(event: { city: string; country: string | null }): string {
	return [event.city, countryName(event.country)].filter(Boolean).join(', ');
}

/** Public, listed events that have not ended, soonest first. */
export async function listUpcomingEvents(): Promise<EventCard[]> {
	const at = now();
	// A UTC day of margin: an event's last day ends later in zones behind UTC.
	const yesterday = new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10);
	const rows = await listPublicUpcoming(db(), yesterday);
	return rows
		.filter((e) => eventEndsAt(e) > at)
		.map((e) => {
			const state = registrationState(e, at);
			return {
				slug: e.slug,
				title: e.title,
				kind: KIND_LABELS[e.kind],
				dates: formatDayRange(e.starts_on, e.ends_on),
				place: placeOf(e),
				status: e.status,
				registration: { kind: state.kind, label: state.label }
			};
		});
}

export type StaffEventRow = EventCard & {
	code: string;
	visibility: 'public' | 'unlisted';
	role: StaffRole | 'admin';
	/** Where the row links to: the dashboard, or check-in for the check-in role. */
	href: string;
};

/** The events a staff member works on (an administrator: all), upcoming first, archived last. */
export async function listEventsOf(actor: Actor): Promise<StaffEventRow[]> {
	const at = now();
	const rows = await listEventsForStaff(db(), actor.id, actor.admin);
	return rows.map((e) => {
		const role = e.role ?? 'admin';
		const state = registrationState(e, at);
		return {
			slug: e.slug,
			code: e.code,
			title: e.title,
			kind: KIND_LABELS[e.kind],
			dates: formatDayRange(e.starts_on, e.ends_on),
			place: placeOf(e),
			status: e.status,
			visibility: e.visibility,
			registration: { kind: state.kind, label: state.label },
			role,
			href: role === 'checkin' ? `/admin/events/${e.slug}/checkin` : `/admin/events/${e.slug}`
		};
	});
}
