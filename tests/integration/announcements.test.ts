import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcementSchema } from '../../src/lib/schemas/announcement.ts';
import {
	announcementsPage as announcementsList,
	previewAnnouncement,
	sendAnnouncement,
	storeAnnouncementAttachment
} from '../../src/lib/server/announcements/announcement.service.ts';
import * as announcementsPage from '../../src/routes/admin/events/[slug]/announcements/+page.server.ts';
import { outcome } from '../helpers/hostile.ts';
import { routeEvent, localsFor } from '../helpers/request-event.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTransport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue } from '../../src/lib/server/mail/worker.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';

// A real SMTP peer: every message delivered to it is parsed and kept.
const received: ParsedMail[] = [];
let server: SMTPServer;
let url: string;

beforeAll(async () => {
	server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream).then(
				(mail) => {
					received.push(mail);
					callback();
				},
				(error: Error) => callback(error)
			);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function deliverAll() {
	const transport = createTransport(url);
	try {
		while ((await deliverDue(db(), transport, 'Kaigi <no-reply@kaigi.test>')) > 0);
	} finally {
		transport.close();
	}
}

const recipients = () => received.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort();

describe('announcements', () => {
	it('reach exactly the filtered registrants at the SMTP server, one message each', async () => {
		const staff = await makeStaff();
		const event = await makeEvent({ code: 'ANN1' });
		await addEventStaff(event.id, staff.id, 'organizer');
		const actor = { id: staff.id, name: staff.display_name, staff: true, admin: false };
		const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		const hod = await makeRegistration(event, th, {
			email: 'hod.th@example.go.th',
			category: 'head_of_delegation',
			family_name: 'Chaiyaporn'
		});
		const delegate = await makeRegistration(event, th, { email: 'delegate.th@example.go.th' });
		await makeRegistration(event, th, { email: 'pending.th@example.go.th', status: 'pending' });
		await makeRegistration(event, th, { email: 'cancelled.th@example.go.th', status: 'cancelled' });
		const vnDelegate = await makeRegistration(event, vn, { email: 'delegate.vn@example.gov.vn' });

		const input = announcementSchema.parse({
			subject: 'Bus to the venue',
			body: 'The bus leaves the hotel at **08:15**.\n\n- Bring your badge\n- <script>alert(1)</script>\n\nMap: https://example.org/map?a=1&b=2',
			statuses: ['confirmed'],
			delegationId: String(th.id)
		});
		const preview = await previewAnnouncement(actor, event, input);
		expect(preview.count).toBe(2);
		expect(preview.mail.subject).toBe('[ANN1] Bus to the venue');
		expect(preview.mail.html).toContain('<strong>08:15</strong>');
		expect(preview.mail.html).toContain('&lt;script&gt;');
		expect(preview.mail.html).not.toContain('<script>');
		expect(preview.bodyHtml).toContain('&lt;script&gt;');
		expect(preview.bodyHtml).not.toContain('<script>');
		expect(preview.mail.html).toContain('<a href="https://example.org/map?a=1&amp;b=2">');
		// Nothing is queued by a preview.
		expect(await db().selectFrom('emails').select('id').execute()).toEqual([]);

		const sent = await sendAnnouncement(actor, event.id, input, 'key-aaaaaaaaaaaaaaaa');
		expect(sent.recipients).toBe(2);
		// A second submit of the same form sends nothing more.
		const again = await sendAnnouncement(actor, event.id, input, 'key-aaaaaaaaaaaaaaaa').catch(
			(e: unknown) => e
		);
		expect(again).toBeInstanceOf(DomainError);

		await deliverAll();
		expect(recipients()).toEqual(['delegate.th@example.go.th', 'hod.th@example.go.th']);
		const toHod = received.find((m) => JSON.stringify(m.to).includes('hod.th'))!;
		expect(toHod.subject).toBe('[ANN1] Bus to the venue');
		expect(toHod.text).toMatch(/Dear Ms\. CHAIYAPORN Given\d+,/);
		expect(toHod.text).toContain(hod.reference);
		expect(toHod.messageId).toBe(`<announcement-${sent.id}-${hod.id}@kaigi.test>`);

		const logged = await db()
			.selectFrom('emails')
			.select(['registration_id', 'status', 'template'])
			.where('event_id', '=', event.id)
			.orderBy('registration_id')
			.execute();
		expect(logged).toEqual([
			{ registration_id: hod.id, status: 'sent', template: 'announcement' },
			{ registration_id: delegate.id, status: 'sent', template: 'announcement' }
		]);
		const audit = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('entity_type', '=', 'announcement')
			.where('entity_id', '=', String(sent.id))
			.execute();
		expect(audit).toEqual([{ action: 'announcement.sent' }]);

		// By category across delegations, and by field visit.
		received.length = 0;
		const visit = await db()
			.insertInto('field_visits')
			.values({
				event_id: event.id,
				title: 'Community care centre',
				departs_at: new Date('2027-02-17T00:00:00Z'),
				returns_at: new Date('2027-02-17T06:00:00Z'),
				seats: 20
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const at = new Date();
		await db()
			.insertInto('field_visit_signups')
			.values([
				{
					visit_id: visit.id,
					registration_id: vnDelegate.id,
					status: 'confirmed',
					created_at: at,
					updated_at: at
				},
				{
					visit_id: visit.id,
					registration_id: hod.id,
					status: 'cancelled',
					created_at: at,
					updated_at: at
				}
			])
			.execute();
		const byVisit = announcementSchema.parse({
			subject: 'Field visit: wear comfortable shoes',
			body: 'We walk about 2 km.',
			statuses: ['confirmed', 'pending', 'waitlisted'],
			visitId: String(visit.id)
		});
		expect((await previewAnnouncement(actor, event, byVisit)).count).toBe(1);
		await sendAnnouncement(actor, event.id, byVisit, 'key-bbbbbbbbbbbbbbbb');
		const byCategory = announcementSchema.parse({
			subject: 'Heads of delegation: rehearsal',
			body: 'Rehearsal at 17:00.',
			statuses: ['confirmed'],
			category: 'head_of_delegation'
		});
		await sendAnnouncement(actor, event.id, byCategory, 'key-cccccccccccccccc');
		await deliverAll();
		expect(recipients()).toEqual(['delegate.vn@example.gov.vn', 'hod.th@example.go.th']);
		expect(received.find((m) => JSON.stringify(m.to).includes('vn'))!.subject).toMatch(
			/Field visit/
		);
	});

	it('refuses to send to nobody', async () => {
		const staff = await makeStaff();
		const event = await makeEvent();
		await addEventStaff(event.id, staff.id, 'organizer');
		const input = announcementSchema.parse({
			subject: 'Hello',
			body: 'Nobody is registered yet.',
			statuses: ['confirmed']
		});
		const error = await sendAnnouncement(
			{ id: staff.id, name: 'x', staff: true, admin: false },
			event.id,
			input,
			'key-dddddddddddddddd'
		).catch((e: unknown) => e);
		expect((error as DomainError).message).toMatch(/No registration or invitee matches/);
	});
});

describe('announcements: greeting, invitees and an attachment', () => {
	const PDF = new TextEncoder().encode(
		'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
	);

	async function setup() {
		const staff = await makeStaff();
		const event = await makeEvent({ code: `ANX${Math.floor(Math.random() * 1e5)}` });
		await db()
			.updateTable('events')
			.set({ contact_email: 'desk@example.org' })
			.where('id', '=', event.id)
			.execute();
		await addEventStaff(event.id, staff.id, 'organizer');
		const actor = { id: staff.id, name: staff.display_name, staff: true, admin: false };
		const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
		return { event, actor, kh };
	}

	async function invitation(
		eventId: number,
		delegationId: number,
		email: string,
		status: 'pending' | 'sent' | 'declined' | 'revoked'
	) {
		await db()
			.insertInto('invitations')
			.values({
				event_id: eventId,
				email,
				family_name: 'Sok',
				given_name: 'Dara',
				honorific: 'Mr.',
				delegation_id: delegationId,
				token_hash: new Uint8Array(32).map(() => Math.floor(Math.random() * 256)),
				status,
				expires_at: new Date('2027-03-01T00:00:00Z')
			})
			.execute();
	}

	it('go without “Dear …” when the writer chooses so', async () => {
		const { event, actor, kh } = await setup();
		const registration = await makeRegistration(event, kh, { email: 'plain@example.org' });
		const input = announcementSchema.parse({
			subject: 'Room change',
			body: 'Dear colleagues,\n\nWe meet in Hall B.',
			statuses: ['confirmed'],
			greeting: 'none'
		});
		const preview = await previewAnnouncement(actor, event, input);
		expect(preview.mail.text.startsWith('Dear colleagues,')).toBe(true);
		expect(preview.bodyHtml).not.toContain('participant’s name');
		await sendAnnouncement(actor, event.id, input, 'key-eeeeeeeeeeeeeeee');
		await deliverAll();
		const mail = received.find((m) => JSON.stringify(m.to).includes('plain@example.org'))!;
		expect(mail.text!.startsWith('Dear colleagues,')).toBe(true);
		expect(mail.text).not.toContain(registration.family_name);
		// By default the greeting is added, and the preview shows it.
		const withGreeting = announcementSchema.parse({
			subject: 'x',
			body: 'y',
			statuses: ['confirmed']
		});
		expect(withGreeting.greeting).toBe('dear');
		expect((await previewAnnouncement(actor, event, withGreeting)).bodyHtml).toContain(
			'Dear [participant’s name],'
		);
	});

	it('reach invitees who have not registered, and only them', async () => {
		const { event, actor, kh } = await setup();
		await invitation(event.id, kh.id, 'invited-pending@example.org', 'pending');
		await invitation(event.id, kh.id, 'invited-sent@example.org', 'sent');
		await invitation(event.id, kh.id, 'invited-declined@example.org', 'declined');
		await invitation(event.id, kh.id, 'invited-revoked@example.org', 'revoked');
		await makeRegistration(event, kh, { email: 'registered-kh@example.org' });
		const input = announcementSchema.parse({
			subject: 'Please register by Friday',
			body: 'The hotel block closes on Friday.',
			statuses: ['invited'],
			delegationId: String(kh.id)
		});
		expect((await previewAnnouncement(actor, event, input)).count).toBe(2);
		const sent = await sendAnnouncement(actor, event.id, input, 'key-ffffffffffffffff');
		expect(sent.recipients).toBe(2);
		await deliverAll();
		const got = received.filter(
			(m) => JSON.stringify(m.to).includes('@example.org') && m.subject?.includes('Please register')
		);
		expect(got.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual([
			'invited-pending@example.org',
			'invited-sent@example.org'
		]);
		expect(got[0].text).toContain('Dear Mr. SOK Dara,');
		expect(got[0].text).toContain('because you were invited');
		expect(got[0].replyTo?.text).toBe('desk@example.org');
		// Both audiences at once: registrants and invitees.
		const both = announcementSchema.parse({
			subject: 'Both',
			body: 'x',
			statuses: ['confirmed', 'invited']
		});
		expect((await previewAnnouncement(actor, event, both)).count).toBe(3);
	});

	it('carry one PDF, stored once and attached to each copy; anything else is refused in words', async () => {
		const { event, actor, kh } = await setup();
		await makeRegistration(event, kh, { email: 'pdf-one@example.org' });
		await makeRegistration(event, kh, { email: 'pdf-two@example.org' });

		const notPdf = await storeAnnouncementAttachment(actor, event.id, {
			name: 'agenda.pdf',
			bytes: new TextEncoder().encode('<html>not a pdf</html>')
		}).catch((e: unknown) => e);
		expect(notPdf).toBeInstanceOf(DomainError);
		expect((notPdf as DomainError).message).toBe(
			'The file is not a PDF. Attach one PDF of at most 10 MB.'
		);
		expect((notPdf as DomainError).field).toBe('attachment');
		const big = new Uint8Array(10 * 1024 * 1024 + 1);
		big.set(PDF.subarray(0, 5));
		const tooBig = await storeAnnouncementAttachment(actor, event.id, {
			name: 'big.pdf',
			bytes: big
		}).catch((e: unknown) => e);
		expect((tooBig as DomainError).message).toMatch(/larger than 10 MB/);

		const stored = await storeAnnouncementAttachment(actor, event.id, {
			name: 'C:\\Users\\me\\Programme "final".pdf',
			bytes: PDF
		});
		expect(stored.fileName).toBe('Programme final.pdf');
		const input = announcementSchema.parse({
			subject: 'Programme attached',
			body: 'Please find the programme attached.',
			statuses: ['confirmed'],
			fileId: String(stored.fileId)
		});
		const preview = await previewAnnouncement(actor, event, input);
		expect(preview.attachment).toMatchObject({
			fileName: 'Programme final.pdf',
			size: PDF.byteLength
		});
		const sent = await sendAnnouncement(actor, event.id, input, 'key-gggggggggggggggg');
		expect(sent.recipients).toBe(2);

		// One copy of the bytes; each outbox row refers to it.
		const files = await db()
			.selectFrom('files')
			.select('id')
			.where('event_id', '=', event.id)
			.execute();
		expect(files).toHaveLength(1);
		const rows = await db()
			.selectFrom('emails')
			.select('attachments')
			.where('event_id', '=', event.id)
			.where('template', '=', 'announcement')
			.execute();
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row.attachments).toEqual([
				expect.objectContaining({ fileId: stored.fileId, contentBase64: '' })
			]);
		}
		await deliverAll();
		const got = received.filter((m) => m.subject?.includes('Programme attached'));
		expect(got).toHaveLength(2);
		for (const mail of got) {
			expect(mail.attachments).toHaveLength(1);
			expect(mail.attachments[0].filename).toBe('Programme final.pdf');
			expect(mail.attachments[0].contentType).toBe('application/pdf');
			expect(Buffer.compare(mail.attachments[0].content, Buffer.from(PDF))).toBe(0);
			expect(mail.text).toContain('Attached: Programme final.pdf');
		}

		// A file of another event cannot be attached.
		const other = await setup();
		const foreign = announcementSchema.parse({
			subject: 'x',
			body: 'y',
			statuses: ['confirmed'],
			fileId: String(stored.fileId)
		});
		const refused = await previewAnnouncement(other.actor, other.event, foreign).catch(
			(e: unknown) => e
		);
		expect((refused as DomainError).field).toBe('attachment');
	});

	it('take the PDF through the preview form and keep it for the send step', async () => {
		const { event, kh } = await setup();
		const organizer = await makeStaff();
		await addEventStaff(event.id, organizer.id, 'organizer');
		await makeRegistration(event, kh, { email: 'form-pdf@example.org' });
		const locals = await localsFor(organizer.id);
		const post = async (
			action: 'preview' | 'send',
			fields: Record<string, string>,
			file?: File
		) => {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.append(k, v);
			if (file) body.append('attachment', file);
			const request = routeEvent<Record<string, unknown>>({
				locals,
				path: `/admin/events/${event.slug}/announcements?/${action}`,
				params: { slug: event.slug },
				form: {}
			});
			request.request = new Request(
				`http://127.0.0.1/admin/events/${event.slug}/announcements?/${action}`,
				{
					method: 'POST',
					body
				}
			);
			return outcome(() => announcementsPage.actions[action](request as never));
		};
		const fields = { subject: 'With programme', body: 'See attached.', statuses: 'confirmed' };
		const wrong = await post('preview', fields, new File(['GIF89a'], 'photo.pdf'));
		expect(wrong.status).toBe(400);
		expect(wrong.data).toMatchObject({
			errors: { attachment: 'The file is not a PDF. Attach one PDF of at most 10 MB.' },
			values: { subject: 'With programme' }
		});
		const ok = await post('preview', fields, new File([PDF], 'programme.pdf'));
		const data = ok.data as unknown as {
			values: Record<string, string>;
			preview: { count: number; attachment: { fileName: string } };
			sendKey: string;
		};
		expect(data.preview).toMatchObject({ count: 1, attachment: { fileName: 'programme.pdf' } });
		expect(data.values.fileId).toMatch(/^\d+$/);
		const sent = await post('send', {
			...fields,
			fileId: data.values.fileId,
			sendKey: data.sendKey
		});
		expect(sent.kind).toBe('redirect');
		const row = await db()
			.selectFrom('emails')
			.select('attachments')
			.where('recipient', '=', 'form-pdf@example.org')
			.executeTakeFirstOrThrow();
		expect(row.attachments).toEqual([expect.objectContaining({ filename: 'programme.pdf' })]);
	});
});

describe('announcements written in English and Japanese', () => {
	async function setup() {
		const staff = await makeStaff();
		const code = `ANJ${Math.floor(Math.random() * 1e5)}`;
		const to = code.toLowerCase();
		const event = await makeEvent({ code, title: 'Sixth Meeting on Ageing' });
		const translations = { ja: { title: '第6回高齢化会議', venue: '三田会議場' } };
		await db().updateTable('events').set({ translations }).where('id', '=', event.id).execute();
		await addEventStaff(event.id, staff.id, 'organizer');
		const actor = { id: staff.id, name: staff.display_name, staff: true, admin: false };
		const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
		const japanese = await makeRegistration(event, kh, {
			email: `ja-${to}@example.org`,
			family_name: 'Yamamoto',
			given_name: 'Hiroshi',
			honorific: 'Mr.'
		});
		await db()
			.updateTable('registrations')
			.set({ language: 'ja' })
			.where('id', '=', japanese.id)
			.execute();
		await makeRegistration(event, kh, { email: `en-${to}@example.org` });
		await db()
			.insertInto('invitations')
			.values({
				event_id: event.id,
				email: `invitee-${to}@example.org`,
				family_name: 'Sok',
				given_name: 'Dara',
				honorific: 'Mr.',
				delegation_id: kh.id,
				token_hash: new Uint8Array(32).map(() => Math.floor(Math.random() * 256)),
				status: 'sent',
				expires_at: new Date('2027-03-01T00:00:00Z')
			})
			.execute();
		const full = { ...event, translations };
		return { event: full, actor, code, to };
	}

	const mailTo = (address: string, subject: RegExp) =>
		received.find((m) => JSON.stringify(m.to).includes(address) && subject.test(m.subject ?? ''));

	it('reach each person in their language, in English where theirs is not written', async () => {
		const { event, actor, code, to } = await setup();
		const input = announcementSchema.parse({
			subject: 'Bus to the venue',
			body: 'The bus leaves the hotel at **08:15**.',
			'ja.subject': '会場へのバスについて',
			'ja.body': 'バスは **8時15分** にホテルを出発します。',
			statuses: ['confirmed', 'invited']
		});
		expect(input.translations).toEqual({
			ja: { subject: '会場へのバスについて', body: 'バスは **8時15分** にホテルを出発します。' }
		});

		// The preview shows the mail as an English reader and as a Japanese reader gets it.
		const preview = await previewAnnouncement(actor, event, input);
		expect(preview.count).toBe(3);
		expect(preview.versions.map((v) => v.locale)).toEqual(['en', 'ja']);
		const [en, ja] = preview.versions;
		expect(en.mail.subject).toBe(`[${code}] Bus to the venue`);
		expect(en.bodyHtml).toContain('Dear [participant’s name],');
		expect(en.bodyHtml).toContain('Sixth Meeting on Ageing');
		expect(ja.mail.subject).toBe(`[${code}] 会場へのバスについて`);
		expect(ja.bodyHtml).toContain('［参加者氏名］ 様');
		expect(ja.bodyHtml).toContain('<strong>8時15分</strong>');
		expect(ja.bodyHtml).toContain('第6回高齢化会議');
		expect(ja.bodyHtml).toContain('三田会議場');
		expect(ja.bodyHtml).not.toContain('08:15');
		expect(ja.mail.html).toContain('lang="ja"');

		const sent = await sendAnnouncement(actor, event.id, input, 'key-jjjjjjjjjjjjjjjj');
		expect(sent.recipients).toBe(3);
		await deliverAll();
		const toJapanese = mailTo(`ja-${to}@`, /会場へのバス/)!;
		expect(toJapanese.subject).toBe(`[${code}] 会場へのバスについて`);
		expect(toJapanese.text).toContain('YAMAMOTO Hiroshi 様');
		expect(toJapanese.text).toContain('バスは **8時15分** にホテルを出発します。');
		expect(toJapanese.text).toContain('第6回高齢化会議');
		expect(toJapanese.text).not.toContain('Bus to the venue');
		expect(toJapanese.text).not.toContain('08:15');
		expect(toJapanese.html).toContain('<strong>8時15分</strong>');
		for (const address of [`en-${to}@`, `invitee-${to}@`]) {
			const mail = mailTo(address, /Bus to the venue/)!;
			expect(mail.subject, address).toBe(`[${code}] Bus to the venue`);
			expect(mail.text).toContain('The bus leaves the hotel at **08:15**.');
			expect(mail.text).toContain('Sixth Meeting on Ageing');
			expect(mail.text).not.toContain('8時15分');
			expect(mail.text).not.toContain('第6回');
		}

		// Stored with the announcement; the audit names the languages, not the texts.
		const row = await db()
			.selectFrom('announcements')
			.select(['subject', 'body', 'translations'])
			.where('id', '=', sent.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			subject: 'Bus to the venue',
			body: 'The bus leaves the hotel at **08:15**.',
			translations: input.translations
		});
		const audit = await db()
			.selectFrom('audit_log')
			.select('diff')
			.where('entity_type', '=', 'announcement')
			.where('entity_id', '=', String(sent.id))
			.executeTakeFirstOrThrow();
		expect(audit.diff).toMatchObject({ subject: 'Bus to the venue', languages: ['en', 'ja'] });
		expect(JSON.stringify(audit.diff)).not.toContain('8時15分');
		expect(JSON.stringify(audit.diff)).not.toContain('会場へのバス');

		// The page lists it with its subject in the reader's language.
		const listed = async (locale: string) =>
			(await announcementsList(actor, event.id, locale)).announcements.find(
				(a) => a.id === sent.id
			);
		expect(await listed('ja')).toMatchObject({
			subject: '会場へのバスについて',
			languages: ['en', 'ja']
		});
		expect(await listed('en')).toMatchObject({ subject: 'Bus to the venue' });
		expect(JSON.stringify(await listed('ja'))).not.toContain('8時15分');

		// Written in English only: the Japanese registrant gets the English subject and message,
		// marked as English inside the Japanese mail.
		const englishOnly = announcementSchema.parse({
			subject: 'Dinner moved to 19:30',
			body: 'The dinner starts at 19:30.',
			statuses: ['confirmed']
		});
		const onlyPreview = await previewAnnouncement(actor, event, englishOnly);
		expect(onlyPreview.versions.map((v) => v.locale)).toEqual(['en']);
		await sendAnnouncement(actor, event.id, englishOnly, 'key-kkkkkkkkkkkkkkkk');
		await deliverAll();
		const fallback = mailTo(`ja-${to}@`, /Dinner moved/)!;
		expect(fallback.subject).toBe(`[${code}] Dinner moved to 19:30`);
		expect(fallback.text).toContain('The dinner starts at 19:30.');
		expect(fallback.html).toContain('<div lang="en">');
	});

	it('refuse a Japanese subject without a Japanese message, and the reverse, beside the field', () => {
		const base = { subject: 'Hello', body: 'Text.', statuses: ['confirmed'] };
		const noBody = announcementSchema.safeParse({ ...base, 'ja.subject': 'こんにちは' });
		expect(noBody.success).toBe(false);
		expect(noBody.error!.issues).toMatchObject([
			{
				path: ['ja.body'],
				message: 'Write the message in 日本語 as well, or leave the subject in 日本語 empty.'
			}
		]);
		const noSubject = announcementSchema.safeParse({
			...base,
			'ja.body': '本文です。',
			'ja.subject': ' '
		});
		expect(noSubject.error!.issues).toMatchObject([
			{
				path: ['ja.subject'],
				message: 'Write the subject in 日本語 as well, or leave the message in 日本語 empty.'
			}
		]);
		// The same limits as the English texts.
		const long = announcementSchema.safeParse({
			...base,
			'ja.subject': 'あ'.repeat(201),
			'ja.body': '本文'
		});
		expect(long.error!.issues[0]).toMatchObject({ path: ['ja.subject'] });
		const twoLines = announcementSchema.safeParse({
			...base,
			'ja.subject': '一行目\n二行目',
			'ja.body': '本文'
		});
		expect(twoLines.error!.issues[0]).toMatchObject({ path: ['ja.subject'] });
		const bodyTooLong = announcementSchema.safeParse({
			...base,
			'ja.subject': '件名',
			'ja.body': 'あ'.repeat(20_001)
		});
		expect(bodyTooLong.error!.issues[0]).toMatchObject({ path: ['ja.body'] });
		// Both empty: English only.
		expect(
			announcementSchema.parse({ ...base, 'ja.subject': '', 'ja.body': '' }).translations
		).toEqual({});
	});

	it('keep what was typed when the form refuses the pair, and send both through the form', async () => {
		const { event, code, to } = await setup();
		const organizer = await makeStaff();
		await addEventStaff(event.id, organizer.id, 'organizer');
		const locals = await localsFor(organizer.id);
		const post = (action: 'preview' | 'send', fields: Record<string, string>) => {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.append(k, v);
			const url = `http://127.0.0.1/admin/events/${event.slug}/announcements?/${action}`;
			const request = routeEvent<Record<string, unknown>>({
				locals,
				path: `/admin/events/${event.slug}/announcements?/${action}`,
				params: { slug: event.slug },
				form: {}
			});
			request.request = new Request(url, { method: 'POST', body });
			return outcome(() => announcementsPage.actions[action](request as never));
		};
		const fields = {
			subject: 'Visa letters',
			body: 'Visa letters are ready.',
			statuses: 'confirmed',
			'ja.subject': '招へい状について'
		};
		const refused = await post('preview', fields);
		expect(refused.status).toBe(400);
		expect(refused.data).toMatchObject({
			errors: {
				'ja.body': 'Write the message in 日本語 as well, or leave the subject in 日本語 empty.'
			},
			values: { subject: 'Visa letters', 'ja.subject': '招へい状について', 'ja.body': '' }
		});

		const complete = { ...fields, 'ja.body': '招へい状の準備ができました。' };
		const previewed = await post('preview', complete);
		const data = previewed.data as {
			preview: { versions: Array<{ locale: string; subject: string; text: string }> };
			sendKey: string;
		};
		expect(data.preview.versions.map((v) => [v.locale, v.subject])).toEqual([
			['en', `[${code}] Visa letters`],
			['ja', `[${code}] 招へい状について`]
		]);
		expect(data.preview.versions[1].text).toContain('招へい状の準備ができました。');
		// The send step refuses the pair as the preview does.
		const halfSent = await post('send', { ...fields, sendKey: data.sendKey });
		expect(halfSent.status).toBe(400);
		expect(halfSent.data).toMatchObject({ errors: { 'ja.body': expect.any(String) } });
		const sent = await post('send', { ...complete, sendKey: data.sendKey });
		expect(sent.kind).toBe('redirect');
		const rows = await db()
			.selectFrom('emails')
			.select(['recipient', 'subject'])
			.where('event_id', '=', event.id)
			.where('template', '=', 'announcement')
			.orderBy('recipient')
			.execute();
		expect(rows).toEqual([
			{ recipient: `en-${to}@example.org`, subject: `[${code}] Visa letters` },
			{ recipient: `ja-${to}@example.org`, subject: `[${code}] 招へい状について` }
		]);
	});
});
