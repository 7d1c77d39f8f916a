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
import { column, dayCell, textCell, type Export, type ExportCell } from './export.ts';

// The secretariat's logistics lists as exports, one row a confirmed participant: the same
// grouping and order as the pages (logistics.service.ts), people without details last.

type EventFields = Pick<Event, 'id' | 'code' | 'time_zone'>;

export const LOGISTICS_LISTS = ['arrivals', 'departures', 'accommodation', 'dietary'] as const;
export type LogisticsList = (typeof LOGISTICS_LISTS)[number];

/** Arrivals or departures: by day, then airport, then time. */
export function travelExport(
	event: EventFields,
	list: TravelList,
	direction: 'arrival' | 'departure'
): Export {
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
	return {
		title: `${event.code} ${plural}`,
		name: plural,
		timeZone: event.time_zone,
		columns: [
			column('Date', 12, 'date'),
			column(`Time (${zoneLabel(event.time_zone)})`, 10),
			column('Airport', 22),
			column('Flight', 10),
			column('Name', 30),
			column('Delegation', 22),
			column('Reference', 16),
			column('Phone', 18)
		],
		rows
	};
}

/** Dietary requirements and accessibility needs, one row a person who has either. */
export function dietaryExport(event: EventFields, people: DietaryPerson[]): Export {
	return {
		title: `${event.code} dietary and access`,
		name: 'dietary-accessibility',
		timeZone: event.time_zone,
		columns: [
			column('Name', 30),
			column('Delegation', 22),
			column('Reference', 16),
			column('Dietary requirement', 16),
			column('Dietary notes', 30),
			column('Accessibility needs', 36)
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
	return {
		title: `${event.code} accommodation`,
		name: 'accommodation',
		timeZone: event.time_zone,
		columns: [
			column('Accommodation', 28),
			column('Name', 30),
			column('Delegation', 22),
			column('Reference', 16),
			column('Arrival', 12, 'date'),
			column('Departure', 12, 'date'),
			column('Phone', 18)
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
	switch (list) {
		case 'arrivals':
			return travelExport(
				event,
				await travelList(actor, event.id, event.time_zone, 'arrival'),
				'arrival'
			);
		case 'departures':
			return travelExport(
				event,
				await travelList(actor, event.id, event.time_zone, 'departure'),
				'departure'
			);
		case 'accommodation': {
			const { hotels, missing } = await accommodationList(actor, event.id, event.time_zone);
			return accommodationExport(event, hotels, missing);
		}
		case 'dietary':
			return dietaryExport(event, (await dietaryAndAccess(actor, event.id)).people);
	}
}
