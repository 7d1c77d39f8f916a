import { toLocale, type Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { dayKey } from '../../time.ts';
import type { DB } from '../db/database.ts';
import { listProgramme } from '../events/event.repository.ts';
import { db } from '../db/database.ts';
import type { Registration as RegistrationRow } from '../db/schema.ts';
import { chosenVisits } from './itinerary.repository.ts';
import { listStops, waitlistPlaces } from './visit.repository.ts';
import {
	localized,
	PROGRAMME_TRANSLATED,
	STOP_TRANSLATED,
	VISIT_TRANSLATED
} from '../../domain/translations.ts';

// A delegate's personal itinerary: the programme, their chosen visits with stops, and their own
// arrival and departure, merged in time order and grouped by day in the event's zone.

export type ItineraryStop = {
	arrivesAt: Date;
	leavesAt: Date;
	place: string;
	address: string;
	activity: string;
	hostContact: string;
};

export type ItineraryEntry = {
	/** Stable per item, used as the calendar UID. */
	uid: string;
	kind: 'programme' | 'visit' | 'arrival' | 'departure';
	startsAt: Date;
	endsAt: Date | null;
	title: string;
	location: string;
	description: string;
	/** Visits only. */
	visit?: {
		id: number;
		status: 'confirmed' | 'waitlisted';
		waitlistPlace: number | null;
		transport: string;
		meetingPoint: string;
		version: number;
		stops: ItineraryStop[];
	};
};

export type ItineraryDay = { day: string; entries: ItineraryEntry[] };

type Registration = Pick<
	RegistrationRow,
	| 'id'
	| 'event_id'
	| 'arrival_at'
	| 'arrival_flight'
	| 'arrival_airport'
	| 'departure_at'
	| 'departure_flight'
	| 'departure_airport'
>;

function flight(number: string, o: { locale: Locale }): string {
	return number ? m.itin_flight({ number }, o) : '';
}

/** Every entry of a registration's itinerary, in time order. */
export async function loadItinerary(
	database: DB,
	registration: Registration,
	/** The reader's language: what the organizer wrote in it, and the entries' own words. */
	language?: string | null
): Promise<ItineraryEntry[]> {
	const o = { locale: toLocale(language) ?? 'en' };
	const [programmeRows, visitRows] = await Promise.all([
		listProgramme(database, registration.event_id),
		chosenVisits(database, registration.id)
	]);
	const programme = programmeRows.map((p) => localized(p, PROGRAMME_TRANSLATED, o.locale));
	const visits = visitRows.map((v) => localized(v, VISIT_TRANSLATED, o.locale));
	const ids = visits.map((v) => v.id);
	const [stopRows, places] = await Promise.all([
		listStops(database, ids),
		waitlistPlaces(database, ids)
	]);
	const stops = stopRows.map((s) => localized(s, STOP_TRANSLATED, o.locale));
	const entries: ItineraryEntry[] = programme.map((p) => ({
		uid: `programme-${p.id}`,
		kind: 'programme',
		startsAt: p.starts_at,
		endsAt: p.ends_at,
		title: p.title,
		location: p.location,
		description: p.description
	}));
	for (const v of visits) {
		entries.push({
			uid: `visit-${v.id}-registration-${registration.id}`,
			kind: 'visit',
			startsAt: v.departs_at,
			endsAt: v.returns_at,
			title: v.title,
			location: v.meeting_point,
			description: v.summary,
			visit: {
				id: v.id,
				status: v.signup_status as 'confirmed' | 'waitlisted',
				waitlistPlace: places.get(v.signup_id) ?? null,
				transport: v.transport,
				meetingPoint: v.meeting_point,
				version: v.version,
				stops: stops
					.filter((s) => s.visit_id === v.id)
					.map((s) => ({
						arrivesAt: s.arrives_at,
						leavesAt: s.leaves_at,
						place: s.place,
						address: s.address,
						activity: s.activity,
						hostContact: s.host_contact
					}))
			}
		});
	}
	if (registration.arrival_at) {
		entries.push({
			uid: `arrival-${registration.id}`,
			kind: 'arrival',
			startsAt: registration.arrival_at,
			endsAt: null,
			title: m.itin_arrival({}, o),
			location: registration.arrival_airport,
			description: flight(registration.arrival_flight, o)
		});
	}
	if (registration.departure_at) {
		entries.push({
			uid: `departure-${registration.id}`,
			kind: 'departure',
			startsAt: registration.departure_at,
			endsAt: null,
			title: m.itin_departure({}, o),
			location: registration.departure_airport,
			description: flight(registration.departure_flight, o)
		});
	}
	return entries.sort(
		(a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.uid.localeCompare(b.uid)
	);
}

/** loadItinerary on the app's database, for a delegate's own pages. */
export function registrationItinerary(
	registration: Registration,
	language?: string | null
): Promise<ItineraryEntry[]> {
	return loadItinerary(db(), registration, language);
}

/** Entries grouped by calendar day in the event's zone, days in order. */
export function groupByDay(entries: ItineraryEntry[], timeZone: string): ItineraryDay[] {
	const days: ItineraryDay[] = [];
	for (const entry of entries) {
		const day = dayKey(entry.startsAt, timeZone);
		const last = days[days.length - 1];
		if (last?.day === day) last.entries.push(entry);
		else days.push({ day, entries: [entry] });
	}
	return days;
}
