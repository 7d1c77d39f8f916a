import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, now } from '../../src/lib/server/clock.ts';
import { config } from '../../src/lib/server/config.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { freePort } from '../../src/lib/server/db/embedded.ts';
import { findEventById } from '../../src/lib/server/events/event.repository.ts';
import { createTransport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue } from '../../src/lib/server/mail/worker.ts';
import { registrationMailer } from '../../src/lib/server/registrations/registration.mail.ts';
import {
	findRegistrationByReference,
	registerDelegate
} from '../../src/lib/server/registrations/registration.service.ts';
import { fromZonedInput } from '../../src/lib/time.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// The confirmation travels through the outbox to a real SMTP server and is read back.

type Sink = { port: number; received: ParsedMail[]; stop(): Promise<void> };

async function startSink(port: number): Promise<Sink> {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
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
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
	return { port, received, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

const FROM = 'Kaigi <no-reply@kaigi.test>';
const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);
const originalTz = process.env.TZ;
let sink: Sink;

beforeAll(async () => {
	sink = await startSink(await freePort());
});
afterAll(async () => {
	await sink.stop();
});
afterEach(() => {
	process.env.TZ = originalTz;
});

async function deliver(port: number) {
	const transport = createTransport(`smtp://127.0.0.1:${port}`);
	try {
		return await deliverDue(db(), transport, FROM);
	} finally {
		transport.close();
	}
}

async function tokyoEventWithProgramme() {
	const event = await makeEvent({
		starts_on: day(60),
		ends_on: day(62),
		title: '6th ASEAN and Japan High Level Officials Meeting on Caring Societies'
	});
	const delegation = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const opening = fromZonedInput(`${day(60)}T09:30`, 'Asia/Tokyo')!;
	const closing = fromZonedInput(`${day(62)}T17:00`, 'Asia/Tokyo')!;
	await db()
		.insertInto('programme_items')
		.values([
			{
				event_id: event.id,
				starts_at: opening,
				ends_at: new Date(opening.getTime() + 3_600_000),
				title: 'Opening'
			},
			{
				event_id: event.id,
				starts_at: new Date(closing.getTime() - 3_600_000),
				ends_at: closing,
				title: 'Closing'
			}
		])
		.execute();
	return { event, delegation, opening, closing };
}

describe('the confirmation mail', () => {
	it('reaches the SMTP server with the reference, the link, a QR code and an .ics with the right instants under another TZ', async () => {
		process.env.TZ = 'America/Los_Angeles';
		const { event, delegation, opening, closing } = await tokyoEventWithProgramme();
		const email = 'somchai.prasert@mol.go.th';
		const result = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id, {
				email,
				honorific: 'Mr.',
				givenName: 'Somchai',
				familyName: 'Prasert'
			}),
			submissionKey: submissionKey()
		});
		expect(result.status).toBe('confirmed');
		expect(await deliver(sink.port)).toBe(1);

		const mail = sink.received.find((m) => m.subject?.includes(result.reference))!;
		expect(mail).toBeDefined();
		expect(mail.subject).toBe(`Registration confirmed: ${event.title} (${result.reference})`);
		expect(JSON.stringify(mail.to)).toContain(email);
		const link = `${config().origin}/me/registrations/${result.reference}`;
		expect(mail.text).toContain(link);
		expect(mail.text).toContain('Dear Mr. PRASERT Somchai,');
		expect(mail.html).toContain(`href="${link}"`);
		expect(mail.messageId).toBe(`<registration-${result.registrationId}-confirmed-v1@kaigi.test>`);

		const qr = mail.attachments.find((a) => a.contentType === 'image/png')!;
		expect(qr.cid).toBeTruthy();
		// mailparser inlines cid: images as data URLs: the QR code is shown in the message.
		expect(qr.related).toBe(true);
		expect(mail.html).toMatch(
			/<img src="data:image\/png;base64,[^"]+"[^>]*alt="QR code of your reference/
		);
		// One calendar entry per programme day (the first and the last day have items).
		const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'))!;
		const vevents = new ICAL.Component(
			ICAL.parse(ics.content.toString('utf8'))
		).getAllSubcomponents('vevent');
		const instant = (v: ICAL.Component, name: string) =>
			(v.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
		expect(vevents.map((v) => [instant(v, 'dtstart'), instant(v, 'dtend')])).toEqual([
			[opening.toISOString(), new Date(opening.getTime() + 3_600_000).toISOString()],
			[new Date(closing.getTime() - 3_600_000).toISOString(), closing.toISOString()]
		]);
		for (const vevent of vevents) {
			expect(vevent.getFirstPropertyValue('summary')).toBe(event.title);
			expect(vevent.getFirstPropertyValue('location')).toBe('Mita Conference Hall, Tokyo, Japan');
		}

		const row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('registration_id', '=', result.registrationId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('is retried while the SMTP server is down and delivered once when it is back', async () => {
		const { event, delegation } = await tokyoEventWithProgramme();
		const result = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id),
			submissionKey: submissionKey()
		});
		const port = await freePort();
		expect(await deliver(port)).toBe(1);
		const failed = await db()
			.selectFrom('emails')
			.selectAll()
			.where('registration_id', '=', result.registrationId)
			.executeTakeFirstOrThrow();
		expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
		expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);

		const back = await startSink(port);
		try {
			expect(await deliver(port)).toBe(0); // not due yet: backoff
			advanceClock(11_000);
			expect(await deliver(port)).toBe(1);
			expect(await deliver(port)).toBe(0);
			expect(back.received.map((m) => m.subject)).toEqual([
				`Registration confirmed: ${event.title} (${result.reference})`
			]);
			const sent = await db()
				.selectFrom('emails')
				.selectAll()
				.where('id', '=', failed.id)
				.executeTakeFirstOrThrow();
			expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
		} finally {
			await back.stop();
		}
	});

	it('is queued once when the same change is replayed', async () => {
		const { event, delegation } = await tokyoEventWithProgramme();
		const key = submissionKey();
		const values = delegateValues(delegation.id);
		const first = await registerDelegate({ eventId: event.id, values, submissionKey: key });
		const replay = await registerDelegate({ eventId: event.id, values, submissionKey: key });
		expect(replay.duplicate).toBe(true);
		const { registration } = (await findRegistrationByReference(first.reference))!;
		const fullEvent = (await findEventById(db(), event.id))!;
		const queuedAgain = await db()
			.transaction()
			.execute((trx) => registrationMailer(trx, fullEvent)('confirmed', registration));
		expect(queuedAgain).toBe(false);
		const rows = await db()
			.selectFrom('emails')
			.select('id')
			.where('registration_id', '=', first.registrationId)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('escapes what people type', async () => {
		const { event, delegation } = await tokyoEventWithProgramme();
		const result = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id, { familyName: '<script>alert(1)</script>' }),
			submissionKey: submissionKey()
		});
		const row = await db()
			.selectFrom('emails')
			.selectAll()
			.where('registration_id', '=', result.registrationId)
			.executeTakeFirstOrThrow();
		expect(row.html_body.toLowerCase()).not.toContain('<script>alert(1)');
		// The family name is written in capitals, as on every list.
		expect(row.html_body).toContain('&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;');
	});
});
