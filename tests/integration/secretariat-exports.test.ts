import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { categoryLabel } from '../../src/lib/domain/category.ts';
import { statusLabel } from '../../src/lib/domain/registration-status.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { GET as csvGet } from '../../src/routes/admin/events/[slug]/exports/registrations.csv/+server.ts';
import { GET as xlsxGet } from '../../src/routes/admin/events/[slug]/exports/registrations.xlsx/+server.ts';
import { makeEvent, makeStaff } from '../helpers/factories.ts';
import { databaseRows, makeMeeting, tokyo, type Meeting } from '../helpers/secretariat-fixture.ts';
import { bytes, call, localsFor, staffRequest, statusOf } from '../helpers/request-event.ts';

// CSV and Excel of the filtered registrations, read back with real parsers and compared with
// the database; passport columns only on request, audited.

let event: Meeting['event'];
let secretariat: App.Locals;

beforeAll(async () => {
	({ event, secretariat } = await makeMeeting());
});

// The documented neutralisation: a leading = + - @, tab or CR gets an apostrophe.
const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('CSV export', () => {
	it('reads back, with a BOM and accents intact, equal to the database after neutralisation', async () => {
		const response = await call(
			csvGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.csv', { sort: 'reference' })
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/attachment; filename="EV.*-registrations-basic-\d{4}-\d{2}-\d{2}\.csv"/
		);
		const raw = await bytes(response);
		expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const records: string[][] = parse(Buffer.from(raw), { bom: true });
		expect(records[0]).toEqual([
			'Reference',
			'Title',
			'Family name',
			'Given name',
			'Delegation',
			'Category',
			'Status',
			'Name on badge',
			'Position',
			'Organisation',
			'E-mail',
			'Phone',
			'Registered (Tokyo time)'
		]);
		const expected = (await databaseRows(event.id)).map((r) =>
			[
				r.reference,
				r.honorific ?? '',
				r.family_name,
				r.given_name ?? '',
				r.delegation,
				categoryLabel(r.category),
				statusLabel(r.status),
				r.badge_name,
				r.position,
				r.organisation,
				r.email,
				r.phone,
				tokyo.format(r.created_at)
			].map(neutralised)
		);
		expect(records.slice(1)).toEqual(expected);
		const text = new TextDecoder().decode(raw);
		expect(text).toContain('Nguyễn Thị Minh Khai');
		expect(text).toContain('\r\n');
	});

	it('makes a registrant named =HYPERLINK(…) and other formula-like cells inert', async () => {
		const response = await call(
			csvGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.csv', {
				delegation: 'KH',
				preset: 'full'
			})
		);
		const records: string[][] = parse(Buffer.from(await bytes(response)), { bom: true });
		expect(records).toHaveLength(2);
		const [header, row] = records;
		const cell = (name: string) => row[header.indexOf(name)];
		expect(cell('Family name')).toBe(`'=HYPERLINK("http://x")`);
		expect(cell('Organisation')).toBe(`'@SUM(A1)`);
		expect(cell('Position')).toBe(`'-1+2`);
		for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
	});

	it('prefixes phone numbers with a plus sign, as the exports page says', async () => {
		const response = await call(
			csvGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.csv', {
				q: 'wongsakul',
				preset: 'logistics'
			})
		);
		const [header, row] = parse(Buffer.from(await bytes(response)), { bom: true }) as string[][];
		expect(row[header.indexOf('Phone')]).toBe("'+66 2 123 4567");
		expect(row[header.indexOf('Arrival (Tokyo time)')]).toBe('2027-02-15 15:30');
		expect(row[header.indexOf('Dietary requirement')]).toBe('Halal');
		expect(header).not.toContain('E-mail');
	});

	it('gives a valid file with only the header for an empty selection', async () => {
		const response = await call(
			csvGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.csv', {
				q: 'nobody-by-this-name'
			})
		);
		expect(response.status).toBe(200);
		const records = parse(Buffer.from(await bytes(response)), { bom: true });
		expect(records).toHaveLength(1);
	});

	it('refuses unknown filter values with 400 instead of exporting something else', async () => {
		const queries: Array<Record<string, string>> = [
			{ status: 'maybe' },
			{ delegation: 'XX' },
			{ preset: 'everything' },
			{ sort: 'height' }
		];
		for (const query of queries) {
			expect(
				await statusOf(() =>
					call(csvGet, staffRequest(secretariat, event.slug, 'exports/registrations.csv', query))
				)
			).toBe(400);
		}
	});
});

describe('XLSX export', () => {
	it('reads back with strings and real dates, never formulas, and a bold frozen header', async () => {
		const response = await call(
			xlsxGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.xlsx', {
				preset: 'full',
				sort: 'reference'
			})
		);
		expect(response.status).toBe(200);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(await bytes(response)) as never);
		const sheet = workbook.worksheets[0];
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		const header = sheet.getRow(1);
		expect(header.font?.bold).toBe(true);
		const headers = (header.values as unknown[]).slice(1) as string[];
		expect(headers).toContain('Name in native script');
		expect(headers).not.toContain('Passport number');
		const rows = await databaseRows(event.id);
		expect(sheet.actualRowCount).toBe(rows.length + 1);
		const column = (name: string) => headers.indexOf(name) + 1;
		sheet.eachRow((row) =>
			row.eachCell((cell) => {
				expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
				expect(cell.formula).toBeUndefined();
			})
		);
		rows.forEach((expected, i) => {
			const row = sheet.getRow(i + 2);
			expect(row.getCell(column('Reference')).value).toBe(expected.reference);
			expect(row.getCell(column('Family name')).value).toBe(expected.family_name);
			expect(row.getCell(column('Organisation')).value ?? '').toBe(expected.organisation);
			expect(row.getCell(column('Phone')).value ?? '').toBe(expected.phone);
			const registered = row.getCell(column('Registered (Tokyo time)'));
			expect(registered.type).toBe(ExcelJS.ValueType.Date);
			// Written as Tokyo wall-clock time: 00:01Z is 09:01 in Tokyo.
			expect((registered.value as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(
				tokyo.format(expected.created_at)
			);
		});
		const hyperlink = rows.findIndex((r) => r.family_name.startsWith('=HYPERLINK'));
		const cell = sheet.getRow(hyperlink + 2).getCell(column('Family name'));
		expect(cell.type).toBe(ExcelJS.ValueType.String);
		expect(cell.value).toBe('=HYPERLINK("http://x")');
		expect(sheet.getColumn(column('Organisation')).width).toBeGreaterThanOrEqual(20);
	});

	it('gives a workbook with only the header for an empty selection', async () => {
		const response = await call(
			xlsxGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.xlsx', { status: 'waitlisted' })
		);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(await bytes(response)) as never);
		expect(workbook.worksheets[0].actualRowCount).toBe(1);
	});
});

describe('passport data', () => {
	it('is exported only when ticked, and that export is audited', async () => {
		const plain = await call(
			csvGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.csv', { preset: 'full' })
		);
		expect(new TextDecoder().decode(await bytes(plain))).not.toContain('C1234567');
		const before = await db()
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'export.passport')
			.execute();
		expect(before).toHaveLength(0);

		const response = await call(
			xlsxGet,
			staffRequest(secretariat, event.slug, 'exports/registrations.xlsx', {
				passport: '1',
				q: 'khai'
			})
		);
		expect(response.headers.get('content-disposition')).toContain('-passport-');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(await bytes(response)) as never);
		const sheet = workbook.worksheets[0];
		const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
		const khai = sheet.getRow(2);
		expect(khai.getCell(headers.indexOf('Family name') + 1).value).toBe('Nguyễn');
		expect(khai.getCell(headers.indexOf('Passport number') + 1).value).toBe('C1234567');
		expect((khai.getCell(headers.indexOf('Date of birth') + 1).value as Date).toISOString()).toBe(
			'1975-05-12T00:00:00.000Z'
		);

		const audit = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'export.passport')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actor_user_id: secretariat.user!.id,
			event_id: event.id,
			entity_type: 'event'
		});
		expect(JSON.stringify(audit[0].diff)).toContain('q=khai');
		expect(JSON.stringify(audit[0].diff)).not.toContain('C1234567');
	});

	it('cannot be pulled by another site through a staff member’s browser', async () => {
		const request = staffRequest(
			secretariat,
			event.slug,
			'exports/registrations.csv',
			{ passport: '1' },
			{ headers: { 'sec-fetch-site': 'cross-site' } }
		);
		expect(await statusOf(() => call(csvGet, request))).toBe(403);
	});

	it('is refused for an event that does not collect it', async () => {
		const other = await makeEvent();
		const staff = await makeStaff({ admin: true });
		const admin = await localsFor(staff.id);
		expect(
			await statusOf(() =>
				call(
					csvGet,
					staffRequest(admin, other.slug, 'exports/registrations.csv', { passport: '1' })
				)
			)
		).toBe(400);
	});
});
