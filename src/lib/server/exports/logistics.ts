import { assertCan, type Actor } from '../auth/actor.ts';
import type { Event } from '../db/schema.ts';
import {
	accommodationList,
	dietaryAndAccess,
	travelList,
	type DietaryPerson,
	type Lodger,
	type TravelList
} from '../logistics/logistics.service.ts';
import { zoneLabel } from '../../time.ts';
import type { Locale } from '../../i18n/locales.ts';
import { officialLocale } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { column, dayCell, textCell, type Export, type ExportCell } from './export.ts';

// The secretariat's logistics lists as exports, one row a confirmed participant: the same
// grouping and order as the pages (logistics.service.ts), people without details last.

type EventFields = Pick<Event, 'id' | 'code' | 'time_zone' | 'official_language'>;

export const LOGISTICS_LISTS = ['arrivals', 'departures', 'accommodation', 'dietary'] as const;
export type LogisticsList = (typeof LOGISTICS_LISTS)[number];

/** Arrivals or departures: by day, then airport, then time. */
export function travelExport(
	event: EventFields,
	list: TravelList,
	direction: 'arrival' | 'departure'
): Export {
	const o = { locale: officialLocale(event) };
	const rows: ExportCell[][] = [
		...list.days.flatMap((day) =>
			day.airports.flatMap((a) =>
				a.people.map((p) => [
					dayCell(day.day),
					textCell(p.time),
					textCell(a.airport),
					textCell(p.flight),
					textCell(p.name),
					textCell(p.delegation),
					textCell(p.reference),
					textCell(p.phone)
				])
			)
		),
		...list.missing.map((p) => [
			null,
			null,
			null,
			null,
			textCell(p.name),
			textCell(p.delegation),
			textCell(p.reference),
			textCell(p.phone)
		])
	];
	const plural = direction === 'arrival' ? 'arrivals' : 'departures';
	const heading = direction === 'arrival' ? m.log_tab_arrivals({}, o) : m.log_tab_departures({}, o);
	return {
		title: `${event.code} ${heading}`,
		name: plural,
		timeZone: event.time_zone,
		columns: [
			column(m.exp_col_date({}, o), 12, 'date'),
			column(m.exp_col_time({ zone: zoneLabel(event.time_zone, undefined, o.locale) }, o), 10),
			column(m.exp_col_airport({}, o), 22),
			column(m.log_col_flight({}, o), 10),
			column(m.log_col_name({}, o), 30),
			column(m.exp_col_delegation({}, o), 22),
			column(m.exp_col_reference({}, o), 16),
			column(m.exp_col_phone({}, o), 18)
		],
		rows
	};
}

/** Dietary requirements and accessibility needs, one row a person who has either. */
export function dietaryExport(event: EventFields, people: DietaryPerson[]): Export {
	const o = { locale: officialLocale(event) };
	return {
		title: `${event.code} ${m.log_tab_dietary({}, o)}`,
		name: 'dietary-accessibility',
		timeZone: event.time_zone,
		columns: [
			column(m.log_col_name({}, o), 30),
			column(m.exp_col_delegation({}, o), 22),
			column(m.exp_col_reference({}, o), 16),
			column(m.exp_col_dietary({}, o), 16),
			column(m.exp_col_dietary_notes({}, o), 30),
			column(m.exp_col_accessibility({}, o), 36)
		],
		rows: people.map((p) => [
			textCell(p.name),
			textCell(p.delegation),
			textCell(p.reference),
			p.dietary === 'none' ? null : textCell(p.dietaryLabel),
			textCell(p.dietaryNotes),
			textCell(p.accessibility)
		])
	};
}

/** Where each confirmed participant stays, hotel by hotel; people without a hotel last. */
export function accommodationExport(
	event: EventFields,
	hotels: { hotel: string; people: Lodger[] }[],
	missing: Lodger[]
): Export {
	const row = (hotel: string, p: Lodger): ExportCell[] => [
		textCell(hotel),
		textCell(p.name),
		textCell(p.delegation),
		textCell(p.reference),
		dayCell(p.arrivalDay),
		dayCell(p.departureDay),
		textCell(p.phone)
	];
	const o = { locale: officialLocale(event) };
	return {
		title: `${event.code} ${m.log_tab_accommodation({}, o)}`,
		name: 'accommodation',
		timeZone: event.time_zone,
		columns: [
			column(m.exp_col_accommodation({}, o), 28),
			column(m.log_col_name({}, o), 30),
			column(m.exp_col_delegation({}, o), 22),
			column(m.exp_col_reference({}, o), 16),
			column(m.log_tab_arrivals({}, o), 12, 'date'),
			column(m.log_tab_departures({}, o), 12, 'date'),
			column(m.exp_col_phone({}, o), 18)
		],
		rows: [
			...hotels.flatMap((h) => h.people.map((p) => row(h.hotel, p))),
			...missing.map((p) => row('', p))
		]
	};
}

/** One logistics list of an event, read now. */
export async function logisticsExport(
	actor: Actor,
	event: EventFields,
	list: LogisticsList
): Promise<Export> {
	await assertCan(actor, event.id, 'exports');
	const locale: Locale = officialLocale(event);
	switch (list) {
		case 'arrivals':
			return travelExport(
				event,
				await travelList(actor, event.id, event.time_zone, 'arrival', locale),
				'arrival'
			);
		case 'departures':
			return travelExport(
				event,
				await travelList(actor, event.id, event.time_zone, 'departure', locale),
				'departure'
			);
		case 'accommodation': {
			const { hotels, missing } = await accommodationList(actor, event.id, event.time_zone, locale);
			return accommodationExport(event, hotels, missing);
		}
		case 'dietary':
			return dietaryExport(event, (await dietaryAndAccess(actor, event.id, locale)).people);
	}
}
