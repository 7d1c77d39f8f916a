import { countryNameIn } from '../../countries.ts';
import {
	EVENT_TRANSLATED,
	inLanguage,
	localized,
	PROGRAMME_TRANSLATED
} from '../../domain/translations.ts';
import type { Locale } from '../../i18n/locales.ts';
import { kindText } from '../../schemas/event.ts';
import { formatDayRange, zoneLabel } from '../../time.ts';
import { roleOn, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { renderMarkdown } from '../markdown.ts';
import { m } from '../../paraglide/messages.js';
import { findEventBySlug, listProgramme } from './event.repository.ts';
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

/**
 * What every page for delegates shows of an event: title, dates, place, zone and contact, the
 * title, venue and city in `locale` where the organizer wrote them in it.
 */
export function eventSummary(original: Event, locale?: string | null) {
	const event = localized(original, EVENT_TRANSLATED, locale);
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

/** Everything the public event page shows, with times already in the event's zone and `locale`. */
export async function publicEventView(event: Event, locale: Locale = 'en') {
	const at = now();
	const items = (await listProgramme(db(), event.id)).map((item) =>
		localized(item, PROGRAMME_TRANSLATED, locale)
	);
	const programme = scheduleByDay(items, event.time_zone, locale);
	const country = countryNameIn(event.country, locale);
	const summary = eventSummary(event, locale);
	return {
		...summary,
		series: inLanguage(event, 'series', locale),
		edition: event.edition,
		kind: kindText(event.kind, locale),
		status: event.status,
		dates: formatDayRange(event.starts_on, event.ends_on, locale),
		country,
		place: [summary.city, country].filter(Boolean).join(m.punct_list({}, { locale })),
		zone: zoneLabel(event.time_zone, new Date(`${event.starts_on}T12:00:00Z`), locale),
		descriptionHtml: renderMarkdown(localized(event, EVENT_TRANSLATED, locale).description_md),
		registration: registrationState(event, at),
		programme,
		programmeZone: commonZone(programme)
	};
}

export type PublicEventView = Awaited<ReturnType<typeof publicEventView>>;
