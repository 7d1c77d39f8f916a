import { stringify } from 'csv-stringify/sync';
import type { Dietary } from '../db/schema.ts';
import type { Lodger, TravelList } from './logistics.service.ts';

// Logistics lists as CSV: a header row and rows, UTF-8 with a BOM (so Excel reads "Nguyễn"
// right), CRLF line ends. A cell starting with = + - @, tab or CR is prefixed with ' so a
// spreadsheet never runs it as a formula; phone numbers such as +66… therefore read '+66….

export type Table = { columns: string[]; rows: string[][] };

const FORMULA = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text, never as a formula. */
export function safeCell(value: string | number | null | undefined): string {
	const text = value == null ? '' : String(value);
	return FORMULA.test(text) ? `'${text}` : text;
}

/** The table as CSV text. */
export function toCsv(table: Table): string {
	return stringify(
		table.rows.map((row) => row.map(safeCell)),
		{ header: true, columns: table.columns.map(safeCell), bom: true, record_delimiter: 'windows' }
	);
}

/** A CSV download. */
export function csvResponse(filename: string, table: Table): Response {
	return new Response(toCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
			'cache-control': 'no-store'
		}
	});
}

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
