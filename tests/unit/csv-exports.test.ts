import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { contentDisposition, exportDownload } from '../../src/lib/server/exports/download.ts';
import type { Export } from '../../src/lib/server/exports/export.ts';
import { importProblemsExport } from '../../src/lib/server/exports/import-problems.ts';
import { invitationTemplateExport } from '../../src/lib/server/exports/invitation-template.ts';
import {
	accommodationExport,
	dietaryExport,
	travelExport
} from '../../src/lib/server/exports/logistics.ts';
import { manifestExport } from '../../src/lib/server/exports/visit-manifest.ts';
import {
	parseInvitationCsv,
	validateRecords,
	type ImportContext
} from '../../src/lib/server/invitations/csv-import.ts';
import type { Lodger, TravelList } from '../../src/lib/server/logistics/logistics.service.ts';
import { bodyText, csvText, xlsxRows } from '../helpers/exports.ts';

// Each exporter yields columns and rows; the one CSV and the one XLSX renderer write them.
// No database: the exporters' rows are built from fixed lists here.

const EVENT = { id: 1, code: 'HLOM6', time_zone: 'Asia/Bangkok', official_language: 'en' };
const EVIL = '=HYPERLINK("http://evil.example")';

/** The CSV of an export as rows of cells, after checking its byte-order mark. */
async function csvRows(data: Export): Promise<string[][]> {
	const text = await csvText(data);
	expect(text.startsWith('\uFEFF')).toBe(true);
	expect(text.endsWith('\r\n')).toBe(true);
	return parse(text.slice(1)) as string[][];
}

const person = (name: string, phone = '+66 81 234 5678') => ({
	id: 1,
	reference: `HLOM6-TH-00${name.length}`,
	name,
	delegation: 'Thailand',
	phone
});

describe('logistics exporters', () => {
	const arrivals: TravelList = {
		days: [
			{
				day: '2026-08-24',
				label: 'Mon 24 Aug',
				count: 2,
				airports: [
					{
						airport: 'BKK',
						people: [
							{
								...person('Mr. SUHARTO'),
								day: '2026-08-24',
								time: '09:40',
								flight: 'GA 866',
								airport: 'BKK'
							},
							{
								...person(EVIL),
								day: '2026-08-24',
								time: '13:05',
								flight: 'TG 401',
								airport: 'BKK'
							}
						]
					}
				]
			}
		],
		missing: [person('Ms. NGUYỄN Thị Minh Khai', '')],
		total: 3
	};

	it('arrivals: a row a person, people without details last, no cell runs as a formula', async () => {
		const rows = await csvRows(travelExport(EVENT, arrivals, 'arrival'));
		expect(rows[0]).toEqual([
			'Date',
			'Time (Bangkok time (UTC+7))',
			'Airport',
			'Flight',
			'Name',
			'Delegation',
			'Reference',
			'Phone'
		]);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[4], r[7]])).toEqual([
			['2026-08-24', '09:40', 'Mr. SUHARTO', "'+66 81 234 5678"],
			['2026-08-24', '13:05', `'${EVIL}`, "'+66 81 234 5678"],
			['', '', 'Ms. NGUYỄN Thị Minh Khai', '']
		]);
	});

	it('arrivals as XLSX: the day is a real date, the formula is a plain text', async () => {
		const sheet = await xlsxRows(travelExport(EVENT, arrivals, 'arrival'));
		expect(sheet.name).toBe('HLOM6 Arrivals');
		expect(sheet.rows[1][0]).toEqual(new Date('2026-08-24T00:00:00Z'));
		expect(sheet.rows[2][4]).toBe(EVIL);
		expect(sheet.rows[3][4]).toBe('Ms. NGUYỄN Thị Minh Khai');
	});

	it('departures are named as such', () => {
		const data = travelExport(EVENT, { days: [], missing: [], total: 0 }, 'departure');
		expect([data.name, data.title]).toEqual(['departures', 'HLOM6 Departures']);
	});

	it('dietary: no requirement is an empty cell, a two-line note stays one cell', async () => {
		const rows = await csvRows(
			dietaryExport(EVENT, [
				{
					...person('Ms. Somchai'),
					dietary: 'none',
					dietaryLabel: 'No requirement',
					dietaryNotes: '',
					accessibility: 'Wheelchair\nground floor room'
				},
				{
					...person('Dr. Aiko'),
					dietary: 'halal',
					dietaryLabel: 'Halal',
					dietaryNotes: '-no alcohol in sauces',
					accessibility: ''
				}
			])
		);
		expect(rows).toEqual([
			[
				'Name',
				'Delegation',
				'Reference',
				'Dietary requirement',
				'Dietary notes',
				'Accessibility needs'
			],
			['Ms. Somchai', 'Thailand', 'HLOM6-TH-0011', '', '', 'Wheelchair\nground floor room'],
			['Dr. Aiko', 'Thailand', 'HLOM6-TH-008', 'Halal', "'-no alcohol in sauces", '']
		]);
	});

	it('accommodation: hotel by hotel, then people without a hotel; days as dates', async () => {
		const lodger = (name: string, hotel: string): Lodger => ({
			...person(name),
			hotel,
			arrival: 'Mon 24 Aug',
			departure: '',
			arrivalDay: '2026-08-24',
			departureDay: ''
		});
		const data = accommodationExport(
			EVENT,
			[{ hotel: 'Mita Kokusai Hotel', people: [lodger('Ms. A', 'Mita Kokusai Hotel')] }],
			[lodger('Mr. B', '')]
		);
		expect((await csvRows(data)).slice(1).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
			['Mita Kokusai Hotel', 'Ms. A', '2026-08-24', ''],
			['', 'Mr. B', '2026-08-24', '']
		]);
		const sheet = await xlsxRows(data);
		expect(sheet.rows[1][4]).toEqual(new Date('2026-08-24T00:00:00Z'));
	});
});

describe('visit manifest exporter', () => {
	it('numbers the people, confirmed then wait-listed with their place', async () => {
		const row = (name: string, seat: 'confirmed' | 'waitlisted', waitlistPlace: number | null) => ({
			reference: 'HLOM6-KH-001',
			name,
			delegation: 'Cambodia',
			phone: '+855 12 345 678',
			dietary: 'Other: no peanuts',
			accessibility: '',
			seat,
			waitlistPlace
		});
		const data = manifestExport(EVENT, { id: 7, title: 'Referral hospitals' }, [
			row('Ms. Sokha CHAN', 'confirmed', null),
			row(EVIL, 'waitlisted', 1)
		]);
		expect(data.name).toBe('visit-7-manifest');
		const rows = await csvRows(data);
		expect(rows.map((r) => [r[0], r[1], r[4], r[7]])).toEqual([
			['No.', 'Name', 'Phone', 'Seat'],
			['1', 'Ms. Sokha CHAN', "'+855 12 345 678", 'Confirmed'],
			['2', `'${EVIL}`, "'+855 12 345 678", 'Waiting list 1']
		]);
		expect((await xlsxRows(data)).rows[2]).toEqual([
			'2',
			EVIL,
			'Cambodia',
			'HLOM6-KH-001',
			'+855 12 345 678',
			'Other: no peanuts',
			undefined,
			'Waiting list 1'
		]);
	});
});

const CONTEXT: ImportContext = {
	delegations: [
		{ id: 1, code: 'TH', name: 'Thailand' },
		{ id: 2, code: 'ASEC', name: 'ASEAN Secretariat' }
	],
	invited: new Set(['already@example.go.th']),
	registered: new Map([['registered@example.go.th', 'HLOM6-TH-001']])
};

describe('invitation template exporter', () => {
	it('has the columns the import reads and a sample row it accepts as it is', async () => {
		const text = await csvText(invitationTemplateExport(EVENT, 'TH'));
		const parsed = parseInvitationCsv(new TextEncoder().encode(text));
		const [row] = validateRecords(parsed, CONTEXT);
		expect(row.problems).toEqual([]);
		expect(row.input).toMatchObject({ delegationId: 1, category: 'delegate' });
		expect(text.split('\r\n')[0]).toBe(
			'\uFEFFhonorific,given_name,family_name,email,delegation,organisation,position,category,personal_message'
		);
	});
});

describe('import problem report exporter', () => {
	it('lists each problem row as written with every problem, and reads back without them', async () => {
		const csv = [
			'given_name,family_name,email,delegation,category',
			'Somchai,Jaidee,somchai@example.go.th,TH,delegate',
			',,not-an-address,Atlantis,minister',
			'Malee,Srisuk,already@example.go.th,TH,',
			'Lan,=cmd,registered@example.go.th,th,'
		].join('\n');
		const parsed = parseInvitationCsv(new TextEncoder().encode(csv));
		const rows = validateRecords(parsed, CONTEXT);
		expect(rows.map((r) => r.problems.length)).toEqual([0, 4, 1, 1]);
		const data = importProblemsExport(EVENT, { id: 12, header: parsed.header, rows });
		expect(data.name).toBe('invitation-import-12-problems');
		const text = await csvText(data);
		const report = parse(text.slice(1)) as string[][];
		expect(report.map((r) => [r[0], r[2], r[3], r[6]])).toEqual([
			['row', 'family_name', 'email', 'problems'],
			[
				'3',
				'',
				'not-an-address',
				expect.stringMatching(
					/^Family name is required Malformed e-mail address "not-an-address"\. Unknown category "minister".* Unknown delegation "Atlantis"/
				)
			],
			['4', 'Srisuk', 'already@example.go.th', 'Already invited to this event.'],
			['5', "'=cmd", 'registered@example.go.th', 'Already registered (HLOM6-TH-001).']
		]);
		const again = parseInvitationCsv(new TextEncoder().encode(text));
		expect(again.header).toEqual(parsed.header);
		expect(again.records[0]).toEqual(['', '', 'not-an-address', 'Atlantis', 'minister']);
	});
});

describe('one file name and one Content-Disposition for every download', () => {
	it('"<CODE>-<list>-<YYYY-MM-DD>.<format>", an ASCII name and the exact one as filename*', async () => {
		setNow(new Date('2026-08-20T03:00:00Z'));
		try {
			const data = manifestExport(EVENT, { id: 7, title: 'x' }, []);
			const csv = exportDownload(EVENT.code, data, 'csv');
			expect(csv.headers.get('content-disposition')).toBe(
				`attachment; filename="HLOM6-visit-7-manifest-2026-08-20.csv"; filename*=UTF-8''HLOM6-visit-7-manifest-2026-08-20.csv`
			);
			expect(csv.headers.get('cache-control')).toBe('private, no-store');
			expect(await bodyText(csv)).toBe(
				'\uFEFFNo.,Name,Delegation,Reference,Phone,Dietary requirement,Accessibility needs,Seat\r\n'
			);
			const xlsx = exportDownload(EVENT.code, data, 'xlsx');
			expect(xlsx.headers.get('content-type')).toBe(
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			);
			expect(xlsx.headers.get('content-disposition')).toContain('-2026-08-20.xlsx"');
			await xlsx.body?.cancel();
		} finally {
			setNow(undefined);
		}
		expect(contentDisposition('Hội nghị "6"\r\n.csv', true)).toBe(
			`inline; filename="Hoi_nghi__6___.csv"; filename*=UTF-8''H%E1%BB%99i%20ngh%E1%BB%8B%20%226%22%0D%0A.csv`
		);
	});
});
