import { countryNameIn } from '../../countries.ts';
import { eventEndsAt } from '../../domain/registration-window.ts';
import { inLanguage, type Translations } from '../../domain/translations.ts';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { kindText } from '../../schemas/event.ts';
import { formatDayRange } from '../../time.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { EventStatus, StaffRole } from '../db/schema.ts';
import { listEventsForStaff, listPublicUpcoming } from './event.repository.ts';
import { registrationState, type RegistrationStateKind } from './registration-state.ts';

// Lists of events: the public home page and a staff member's own events, in the reader's
// language (the organizer's texts where written in it, else as written).

export type EventCard = {
	slug: string;
	title: string;
	kind: string;
	dates: string;
	place: string;
	status: EventStatus;
	registration: { kind: RegistrationStateKind; label: string };
};

/** "Tokyo, Japan", "東京、日本". */
export function placeOf(
	event: { city: string; country: string | null; translations?: Translations | null },
	locale: Locale
): string {
	return [inLanguage(event, 'city', locale), countryNameIn(event.country, locale)]
		.filter(Boolean)
		.join(m.punct_list({}, { locale }));
}

/** What a card of an event shows in words, in `locale`. */
function cardTexts(
	e: Parameters<typeof placeOf>[0] & {
		title: string;
		kind: Parameters<typeof kindText>[0];
		starts_on: string;
		ends_on: string;
	},
	locale: Locale
) {
	return {
		title: inLanguage(e, 'title', locale),
		kind: kindText(e.kind, locale),
		dates: formatDayRange(e.starts_on, e.ends_on, locale),
		place: placeOf(e, locale)
	};
}

/** Public, listed events that have not ended, soonest first. */
export async function listUpcomingEvents(locale: Locale): Promise<EventCard[]> {
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
				...cardTexts(e, locale),
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
export async function listEventsOf(actor: Actor, locale: Locale): Promise<StaffEventRow[]> {
	const at = now();
	const rows = await listEventsForStaff(db(), actor.id, actor.admin);
	return rows.map((e) => {
		const role = e.role ?? 'admin';
		const state = registrationState(e, at);
		return {
			slug: e.slug,
			code: e.code,
			...cardTexts(e, locale),
			status: e.status,
			visibility: e.visibility,
			registration: { kind: state.kind, label: state.label },
			role,
			href: role === 'checkin' ? `/admin/events/${e.slug}/checkin` : `/admin/events/${e.slug}`
		};
	});
}
