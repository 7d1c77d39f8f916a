import { countryName } from '../../countries.ts';
import { KIND_LABELS } from '../../schemas/event.ts';
import { formatDayRange, zoneLabel } from '../../time.ts';
import { roleOn, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { renderMarkdown } from '../markdown.ts';
import { findEventBySlug, listProgramme } from './event.repository.ts';
import { placeOf } from './event-listing.service.ts';
import { commonZone, scheduleByDay } from './programme-schedule.ts';
import { registrationState } from './registration-state.ts';

// The public event page. Drafts and archived events exist only for their staff.

const PUBLIC = new Set(['published', 'closed', 'cancelled']);

/** The event behind a public URL, or null (unknown, or a draft/archived event a visitor may not preview). */
export async function findEventForVisitor(
	slug: string,
	viewer: Actor | null
): Promise<{ event: Event; preview: boolean } | null> {
	const event = await findEventBySlug(db(), slug);
	if (!event) return null;
	if (PUBLIC.has(event.status)) return { event, preview: false };
	// Any role on the event lets its staff preview it.
	return (await roleOn(viewer, event.id)) ? { event, preview: true } : null;
}

/** What every page for delegates shows of an event: title, dates, place, zone and contact. */
export function eventSummary(event: Event) {
	return {
		slug: event.slug,
		title: event.title,
		startsOn: event.starts_on,
		endsOn: event.ends_on,
		venue: event.venue,
		city: event.city,
		country: event.country,
		timeZone: event.time_zone,
		contactEmail: event.contact_email,
		registrationMode: event.registration_mode
	};
}

/** Everything the public event page shows, with times already in the event's zone. */
export async function publicEventView(event: Event) {
	const at = now();
	const programme = scheduleByDay(await listProgramme(db(), event.id), event.time_zone);
	return {
		...eventSummary(event),
		series: event.series,
		edition: event.edition,
		kind: KIND_LABELS[event.kind],
		status: event.status,
		dates: formatDayRange(event.starts_on, event.ends_on),
		country: countryName(event.country),
		place: placeOf(event),
		zone: zoneLabel(event.time_zone, new Date(`${event.starts_on}T12:00:00Z`)),
		descriptionHtml: renderMarkdown(event.description_md),
		registration: registrationState(event, at),
		programme,
		programmeZone: commonZone(programme)
	};
}

export type PublicEventView = Awaited<ReturnType<typeof publicEventView>>;
