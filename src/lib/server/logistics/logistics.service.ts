import { delegationOfRow } from '../registrations/person-columns.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import { airportCode, airportLabel } from '../../airports.ts';
import { DIETARY_REQUIREMENTS, dietaryText, type Dietary } from '../../domain/dietary.ts';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { listName } from '../../domain/person-name.ts';
import { dayKey, formatDate, formatDay, formatTime } from '../../time.ts';
import {
	countDietary,
	listAccommodation,
	listDietaryAndAccess,
	listTravel
} from './logistics.repository.ts';

// The secretariat's logistics lists, built from one query each and grouped here for the page,
// the print-out and the CSV alike. Times are in the event's zone.

export type Direction = 'arrival' | 'departure';

type Person = { id: number; reference: string; name: string; delegation: string; phone: string };

export type TravelPerson = Person & { day: string; time: string; flight: string; airport: string };
export type TravelDay = {
	day: string;
	label: string;
	count: number;
	airports: { airport: string; people: TravelPerson[] }[];
};
export type TravelList = { days: TravelDay[]; missing: Person[]; total: number };

/** A person on a list, their delegation named in the list's language. */
function person(
	row: Parameters<typeof delegationOfRow>[0] & {
		id: number;
		reference: string;
		honorific: string | null;
		given_name: string | null;
		family_name: string;
		phone: string;
	},
	locale: Locale
): Person {
	return {
		id: row.id,
		reference: row.reference,
		name: listName(row),
		delegation: delegationOfRow(row, locale),
		phone: row.phone
	};
}

/**
 * Groups in first-seen order under a key that ignores case and spacing. A group is named by
 * its most frequent spelling, capitals winning a tie ("Mita Kokusai Hotel" over "mita kokusai hotel").
 */
function groupBy<T>(items: T[], label: (item: T) => string, empty: string) {
	const groups = new Map<string, { items: T[]; spellings: Map<string, number> }>();
	for (const item of items) {
		const name = label(item).replace(/\s+/g, ' ').trim();
		const key = name.toLowerCase();
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { items: [], spellings: new Map() }));
		group.items.push(item);
		group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
	}
	const capitals = (text: string) => text.replace(/[^\p{Lu}]/gu, '').length;
	return [...groups.values()].map(({ items, spellings }) => {
		const [name] = [...spellings].sort(([a, m], [b, n]) => n - m || capitals(b) - capitals(a))[0];
		return { name: name || empty, items };
	});
}

/** An airport by the IATA code found in what was typed ("han", "Noi Bai (HAN)"), else as typed. */
function airportName(text: string): string {
	const code = airportCode(text);
	return code ? airportLabel(code) : text.replace(/\s+/g, ' ').trim();
}

/** Arrivals or departures of confirmed participants, by day then airport, for airport transfers. */
export async function travelList(
	actor: Actor,
	eventId: number,
	timeZone: string,
	direction: Direction,
	locale: Locale = 'en'
): Promise<TravelList> {
	const unknownAirport = m.log_airport_unknown({}, { locale });
	await assertCan(actor, eventId, 'exports');
	const rows = await listTravel(db(), eventId, direction);
	const missing: Person[] = [];
	const known: TravelPerson[] = [];
	for (const row of rows) {
		if (!row.at) {
			missing.push(person(row, locale));
			continue;
		}
		known.push({
			...person(row, locale),
			day: dayKey(row.at, timeZone),
			time: formatTime(row.at, timeZone),
			flight: row.flight.trim(),
			airport: airportName(row.airport)
		});
	}
	const days = groupBy(known, (p) => p.day, '').map(({ name: day, items }) => ({
		day,
		label: formatDay(day, {}, locale),
		count: items.length,
		// Sorted by time in SQL; within a day each airport keeps that order.
		airports: groupBy(items, (p) => p.airport, unknownAirport)
			.map((g) => ({ airport: g.name, people: g.items }))
			.sort((a, b) => Number(a.airport === unknownAirport) - Number(b.airport === unknownAirport))
	}));
	return { days, missing, total: rows.length };
}

export type DietaryPerson = Person & {
	dietary: Dietary;
	dietaryLabel: string;
	dietaryNotes: string;
	accessibility: string;
};

/** Meal counts per requirement and accessibility needs of confirmed participants, with names. */
export async function dietaryAndAccess(actor: Actor, eventId: number, locale: Locale = 'en') {
	await assertCan(actor, eventId, 'exports');
	const [counts, rows] = await Promise.all([
		countDietary(db(), eventId),
		listDietaryAndAccess(db(), eventId)
	]);
	const byDiet = new Map(counts.map((c) => [c.dietary, c.count]));
	const people: DietaryPerson[] = rows.map((row) => ({
		...person(row, locale),
		dietary: row.dietary,
		dietaryLabel: dietaryText(row.dietary, 'label', locale),
		dietaryNotes: row.dietary_notes.trim(),
		accessibility: row.accessibility_needs.trim()
	}));
	return {
		total: counts.reduce((sum, c) => sum + c.count, 0),
		counts: DIETARY_REQUIREMENTS.map((dietary) => ({
			dietary,
			label: dietaryText(dietary, 'label', locale),
			count: byDiet.get(dietary) ?? 0
		})),
		accessCount: counts.reduce((sum, c) => sum + c.access, 0),
		people,
		meals: people.filter((p) => p.dietary !== 'none'),
		access: people.filter((p) => p.accessibility)
	};
}

/** `arrival`/`departure`: "Mon 24 Aug" for the page; the `…Day` forms 'YYYY-MM-DD' for files. */
export type Lodger = Person & {
	hotel: string;
	arrival: string;
	departure: string;
	arrivalDay: string;
	departureDay: string;
};

/** Confirmed participants by hotel, with their arrival and departure days. */
export async function accommodationList(
	actor: Actor,
	eventId: number,
	timeZone: string,
	locale: Locale = 'en'
) {
	await assertCan(actor, eventId, 'exports');
	const rows = await listAccommodation(db(), eventId);
	const lodgers: Lodger[] = rows.map((row) => ({
		...person(row, locale),
		hotel: row.accommodation.replace(/\s+/g, ' ').trim(),
		arrival: row.arrival_at ? formatDate(row.arrival_at, timeZone, { year: false }, locale) : '',
		departure: row.departure_at
			? formatDate(row.departure_at, timeZone, { year: false }, locale)
			: '',
		arrivalDay: row.arrival_at ? dayKey(row.arrival_at, timeZone) : '',
		departureDay: row.departure_at ? dayKey(row.departure_at, timeZone) : ''
	}));
	const known = lodgers.filter((l) => l.hotel);
	return {
		total: rows.length,
		hotels: groupBy(known, (l) => l.hotel, '').map((g) => ({ hotel: g.name, people: g.items })),
		missing: lodgers.filter((l) => !l.hotel)
	};
}
