import type { Dietary } from '../db/schema.ts';
import type { Table } from '../exports/csv-table.ts';
import type { Lodger, TravelList } from './logistics.service.ts';

// The logistics lists as tables for CSV (exports/csv-table.ts writes and neutralises them).

export { csvResponse, toCsv, type Table } from '../exports/csv-table.ts';

/** Arrivals or departures, one row a person; people without details last. */
export function travelTable(list: TravelList, zone: string): Table {
	return {
		columns: [
			'Date',
			`Time (${zone})`,
			'Airport',
			'Flight',
			'Name',
			'Delegation',
			'Reference',
			'Phone'
		],
		rows: [
			...list.days.flatMap((day) =>
				day.airports.flatMap((a) =>
					a.people.map((p) => [
						day.day,
						p.time,
						a.airport,
						p.flight,
						p.name,
						p.delegation,
						p.reference,
						p.phone
					])
				)
			),
			...list.missing.map((p) => ['', '', '', '', p.name, p.delegation, p.reference, p.phone])
		]
	};
}

/** Dietary requirements and accessibility needs, one row a person who has either. */
export function dietaryTable(
	people: {
		name: string;
		delegation: string;
		reference: string;
		dietary: Dietary;
		dietaryLabel: string;
		dietaryNotes: string;
		accessibility: string;
	}[]
): Table {
	return {
		columns: [
			'Name',
			'Delegation',
			'Reference',
			'Dietary requirement',
			'Dietary notes',
			'Accessibility needs'
		],
		rows: people.map((p) => [
			p.name,
			p.delegation,
			p.reference,
			p.dietary === 'none' ? '' : p.dietaryLabel,
			p.dietaryNotes,
			p.accessibility
		])
	};
}

/** Where each confirmed participant stays. */
export function accommodationTable(
	hotels: { hotel: string; people: Lodger[] }[],
	missing: Lodger[]
): Table {
	const row = (hotel: string, p: Lodger) => [
		hotel,
		p.name,
		p.delegation,
		p.reference,
		p.arrivalDay,
		p.departureDay,
		p.phone
	];
	return {
		columns: ['Accommodation', 'Name', 'Delegation', 'Reference', 'Arrival', 'Departure', 'Phone'],
		rows: [
			...hotels.flatMap((h) => h.people.map((p) => row(h.hotel, p))),
			...missing.map((p) => row('', p))
		]
	};
}
