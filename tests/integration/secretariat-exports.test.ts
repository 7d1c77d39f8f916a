import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../src/lib/attendees.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import { GET as csvGet } from '../../src/routes/admin/events/[slug]/exports/registrations.csv/+server.ts';
import { GET as xlsxGet } from '../../src/routes/admin/events/[slug]/exports/registrations.xlsx/+server.ts';
import { GET as participantsGet } from '../../src/routes/admin/events/[slug]/exports/participants.pdf/+server.ts';
import { GET as badgesGet } from '../../src/routes/admin/events/[slug]/exports/badges.pdf/+server.ts';
import { load as exportsLoad } from '../../src/routes/admin/events/[slug]/exports/+page.server.ts';
import { load as printableLoad } from '../../src/routes/admin/events/[slug]/exports/participants/+page.server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import {
	ANONYMOUS,
	localsFor,
	pdfPages,
	pdfText,
	staffRequest,
	statusOf
} from '../helpers/staff-request.ts';

// What the secretariat downloads: CSV and Excel of the filtered registrations, the List of
// Participants and badges — checked by reading the files back with real parsers.

type Handler = (event: never) => unknown;
const call = async (handler: Handler, request: ReturnType<typeof staffRequest>) =>
	(await handler(request as never)) as Response;

async function bytes(response: Response): Promise<Uint8Array> {
	return new Uint8Array(await response.arrayBuffer());
}

let event: Awaited<ReturnType<typeof makeEvent>>;
let secretariat: App.Locals;
let organizer: App.Locals;
const tokyo = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Asia/Tokyo',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});

beforeAll(async () => {
	event = await makeEvent({
		title: '6th ASEAN and Japan High Level Officials Meeting on Caring Societies',
		collect_visa_support: true
	});
	await db()
		.updateTable('events')
		.set({ host_placement: 'last', organisations_placement: 'last', venue: 'Mita Conference Hall' })
		.where('id', '=', event.id)
		.execute();
	const staff = await makeStaff();
	await addEventStaff(event.id, staff.id, 'secretariat');
	secretariat = await localsFor(staff.id);
	const boss = await makeStaff();
	await addEventStaff(event.id, boss.id, 'organizer');
	organizer = await localsFor(boss.id);

	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const jp = await makeDelegation(event.id, 'JP', { name: 'Japan' });
	const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
	const id = await makeDelegation(event.id, 'ID', { name: 'Indonesia' });
	const asec = await makeDelegation(event.id, 'ASEC', {
		name: 'ASEAN Secretariat',
		kind: 'organisation'
	});
	await makeDelegation(event.id, 'LA', { name: 'Lao PDR' });

	const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 0, minute));
	const khai = await makeRegistration(event, vn, {
		family_name: 'Nguyễn',
		given_name: 'Thị Minh Khai',
		honorific: 'Ms.',
		category: 'head_of_delegation',
		position: 'Director-General, Department of Social Protection',
		organisation: 'Ministry of Labour, Invalids and Social Affairs',
		email: 'khai.nguyen@molisa.example',
		consent_email_in_list: true,
		created_at: at(1)
	});
	await db()
		.updateTable('registrations')
		.set({
			badge_name: 'Nguyễn Thị Minh Khai',
			visa_data_enc: encryptVisaData({
				passportNumber: 'C1234567',
				passportExpiry: '2030-01-31',
				dateOfBirth: '1975-05-12'
			})
		})
		.where('id', '=', khai.id)
		.execute();
	await makeRegistration(event, vn, {
		family_name: 'Trần',
		given_name: 'Văn An',
		honorific: 'Mr.',
		email: 'an.tran@molisa.example',
		created_at: at(2)
	});
	await makeRegistration(event, vn, {
		family_name: 'Lê',
		given_name: 'Hoàng',
		status: 'pending',
		created_at: at(3)
	});
	await makeRegistration(event, th, {
		family_name: 'Wongsakul',
		given_name: 'Somchai',
		honorific: 'Mr.',
		phone: '+66 2 123 4567',
		arrival_at: new Date('2027-02-15T06:30:00Z'),
		arrival_flight: 'TG 682',
		dietary: 'halal',
		created_at: at(4)
	});
	await makeRegistration(event, th, {
		family_name: 'Arun',
		given_name: 'Siriporn',
		honorific: 'Ms.',
		category: 'head_of_delegation',
		created_at: at(5)
	});
	await makeRegistration(event, kh, {
		family_name: '=HYPERLINK("http://x")',
		given_name: null,
		honorific: null,
		organisation: '@SUM(A1)',
		position: '-1+2',
		created_at: at(6)
	});
	await makeRegistration(event, jp, {
		family_name: 'Tanaka',
		given_name: 'Hiroshi',
		honorific: 'Mr.',
		category: 'head_of_delegation',
		created_at: at(7)
	});
	await makeRegistration(event, jp, {
		family_name: 'Suzuki',
		given_name: 'Yuki',
		status: 'cancelled',
		created_at: at(8)
	});
	await makeRegistration(event, asec, {
		family_name: 'Rahman',
		given_name: 'Farah',
		honorific: 'Dr.',
		category: 'resource_person',
		created_at: at(9)
	});
	await makeRegistration(event, id, {
		family_name: 'Sukarno',
		given_name: null,
		honorific: 'Mr.',
		created_at: at(10)
	});
});

/** The rows as the database has them, ordered by reference, for the basic preset. */
async function databaseRows() {
	return db()
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.selectAll('r')
		.select('d.name as delegation')
		.where('r.event_id', '=', event.id)
		.orderBy('r.reference')
		.execute();
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

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
		const expected = (await databaseRows()).map((r) =>
			[
				r.reference,
				r.honorific ?? '',
				r.family_name,
				r.given_name ?? '',
				r.delegation,
				CATEGORY_LABELS[r.category],
				STATUS_LABELS[r.status],
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
		const rows = await databaseRows();
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

describe('List of Participants', () => {
	const order = [
		'CAMBODIA',
		'=HYPERLINK("http://x")',
		'INDONESIA',
		'Mr. Sukarno',
		'THAILAND',
		'Ms. ARUN Siriporn',
		'Mr. WONGSAKUL Somchai',
		'VIET NAM',
		'Ms. NGUYỄN Thị Minh Khai',
		'Head of Delegation',
		'Mr. TRẦN Văn An',
		'JAPAN',
		'Mr. TANAKA Hiroshi',
		'ASEAN SECRETARIAT',
		'Dr. RAHMAN Farah'
	];

	it('lists confirmed participants by delegation, host and organisations last, heads first, accents exact', async () => {
		const response = await call(
			participantsGet,
			staffRequest(secretariat, event.slug, 'exports/participants.pdf')
		);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const text = await pdfText(await bytes(response));
		let from = 0;
		for (const expected of order) {
			const at = text.indexOf(expected, from);
			expect(at, `${expected} after position ${from}`).toBeGreaterThanOrEqual(0);
			from = at + expected.length;
		}
		expect(text).toContain('LIST OF PARTICIPANTS');
		expect(squash(text)).toContain(
			'6th ASEAN and Japan High Level Officials Meeting on Caring Societies'
		);
		expect(text).toContain('16–18 Feb 2027');
		expect(text).toContain('Mita Conference Hall, Tokyo, Japan');
		expect(text).toMatch(/Page 1 of 1/);
		expect(text).toContain('E-mail: khai.nguyen@molisa.example');
		expect(text).not.toContain('an.tran@molisa.example');
		for (const absent of ['LAO PDR', 'HOÀNG', 'SUZUKI']) expect(text).not.toContain(absent);
	});

	it('has the same order on the printable page', async () => {
		const data = (await printableLoad(
			staffRequest(secretariat, event.slug, 'exports/participants') as never
		)) as {
			list: { groups: Array<{ name: string; participants: Array<{ name: string }> }> };
		};
		const flat = data.list.groups.flatMap((g) => [
			g.name.toUpperCase(),
			...g.participants.map((p) => p.name)
		]);
		expect(flat).toEqual(order.filter((o) => o !== 'Head of Delegation'));
	});

	it('numbers its pages and repeats a delegation heading on the next page', async () => {
		const big = await makeEvent({ title: 'A long list' });
		const vn = await makeDelegation(big.id, 'VN', { name: 'Viet Nam' });
		for (let i = 0; i < 40; i++) {
			await makeRegistration(big, vn, { family_name: `Phạm ${String(i).padStart(2, '0')}` });
		}
		const admin = await localsFor((await makeStaff({ admin: true })).id);
		const response = await call(
			participantsGet,
			staffRequest(admin, big.slug, 'exports/participants.pdf')
		);
		const pdf = await bytes(response);
		const pages = await pdfPages(pdf);
		expect(pages).toBeGreaterThanOrEqual(2);
		const text = await pdfText(pdf);
		expect(text).toContain('VIET NAM (continued)');
		for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
		expect(text.match(/PHẠM \d\d/g)).toHaveLength(40);
	});

	it('is a valid document when nobody is confirmed yet', async () => {
		const empty = await makeEvent();
		const staff = await makeStaff({ admin: true });
		const response = await call(
			participantsGet,
			staffRequest(await localsFor(staff.id), empty.slug, 'exports/participants.pdf')
		);
		const pdf = await bytes(response);
		expect(await pdfPages(pdf)).toBe(1);
		expect(await pdfText(pdf)).toContain('No participants are confirmed yet.');
	});
});

describe('badges', () => {
	it('prints one badge per selected person, four to an A4 page, names exact', async () => {
		const response = await call(
			badgesGet,
			staffRequest(secretariat, event.slug, 'exports/badges.pdf', {
				status: 'confirmed',
				sort: 'delegation'
			})
		);
		expect(response.status).toBe(200);
		const pdf = await bytes(response);
		const text = await pdfText(pdf, false);
		const confirmed = (await databaseRows()).filter((r) => r.status === 'confirmed');
		expect(confirmed).toHaveLength(8);
		for (const r of confirmed) expect(text.split(r.reference).length - 1, r.reference).toBe(1);
		expect(text.match(new RegExp(`${event.code}-[A-Z]+-\\d{3}`, 'g'))).toHaveLength(8);
		expect(await pdfPages(pdf)).toBe(2);
		expect(squash(text)).toContain('Nguyễn Thị Minh Khai');
		expect(text).toContain('HEAD OF DELEGATION');
		expect(text).toContain('RESOURCE PERSON');
		expect(text).toContain('Viet Nam');
	});

	it('gives a valid one-page document for an empty selection', async () => {
		const response = await call(
			badgesGet,
			staffRequest(secretariat, event.slug, 'exports/badges.pdf', { q: 'nobody-by-this-name' })
		);
		const pdf = await bytes(response);
		expect(await pdfPages(pdf)).toBe(1);
		expect(await pdfText(pdf)).toContain('No registrations match this selection');
	});
});

describe('who may export', () => {
	const endpoints: Array<[string, Handler]> = [
		['exports/registrations.csv', csvGet],
		['exports/registrations.xlsx', xlsxGet],
		['exports/participants.pdf', participantsGet],
		['exports/badges.pdf', badgesGet],
		['exports', exportsLoad as unknown as Handler],
		['exports/participants', printableLoad as unknown as Handler]
	];

	it('refuses check-in staff, staff of other events and delegates (403), sends anonymous to sign in', async () => {
		const checkin = await makeStaff();
		await addEventStaff(event.id, checkin.id, 'checkin');
		const stranger = await makeStaff();
		const delegate = await db()
			.insertInto('users')
			.values({ email: 'delegate-export@example.org', display_name: 'A delegate' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const cases: Array<[App.Locals, number]> = [
			[await localsFor(checkin.id), 403],
			[await localsFor(stranger.id), 403],
			[await localsFor(delegate.id, 'email_link'), 403],
			[ANONYMOUS, 303]
		];
		for (const [path, handler] of endpoints) {
			for (const [locals, status] of cases) {
				expect(
					await statusOf(() => call(handler, staffRequest(locals, event.slug, path))),
					path
				).toBe(status);
			}
		}
	});

	it('lets the secretariat, organizers and administrators export', async () => {
		const admin = await localsFor((await makeStaff({ admin: true })).id);
		for (const [path, handler] of endpoints) {
			for (const locals of [secretariat, organizer, admin]) {
				expect(
					await statusOf(() => call(handler, staffRequest(locals, event.slug, path))),
					path
				).toBe(200);
			}
		}
	});
});
