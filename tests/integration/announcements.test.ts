import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcementSchema } from '../../src/lib/schemas/announcement.ts';
import {
	previewAnnouncement,
	sendAnnouncement
} from '../../src/lib/server/announcements/announcement.service.ts';
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
		expect(toHod.text).toContain(`Dear Ms. Given`);
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
		expect((error as DomainError).message).toMatch(/No registration matches/);
	});
});
