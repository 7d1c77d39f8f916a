import { beforeAll, describe, expect, it } from 'vitest';
import { GET as participantsGet } from '../../src/routes/admin/events/[slug]/exports/participants.pdf/+server.ts';
import { GET as badgesGet } from '../../src/routes/admin/events/[slug]/exports/badges.pdf/+server.ts';
import { load as printableLoad } from '../../src/routes/admin/events/[slug]/exports/participants/+page.server.ts';
import { makeDelegation, makeEvent, makeRegistration, makeStaff } from '../helpers/factories.ts';
import { databaseRows, makeMeeting, type Meeting } from '../helpers/secretariat-fixture.ts';
import { pdfPages, pdfText } from '../helpers/pdf.ts';
import { bytes, call, localsFor, staffRequest } from '../helpers/request-event.ts';

// The documents the secretariat prints: the List of Participants (page and PDF) and badges,
// checked through the text poppler extracts from the PDFs.

let event: Meeting['event'];
let secretariat: App.Locals;

beforeAll(async () => {
	({ event, secretariat } = await makeMeeting());
});

const squash = (text: string) => text.replace(/\s+/g, ' ');

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
		const confirmed = (await databaseRows(event.id)).filter((r) => r.status === 'confirmed');
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
		expect(await pdfText(pdf)).toContain('No confirmed registrations match this selection');
	});
});
