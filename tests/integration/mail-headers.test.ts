import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOP_FIELD, STOP_KEYS, type VisitFormValues } from '../../src/lib/schemas/visit-form.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { eventFormValues, newEventFormValues } from '../../src/lib/server/events/event-form.ts';
import { enqueueEmail } from '../../src/lib/server/mail/outbox.ts';
import { createTransport, type Transport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue } from '../../src/lib/server/mail/worker.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { visitToFormValues } from '../../src/lib/server/visits/visit-form.ts';
import { listStops } from '../../src/lib/server/visits/visit.repository.ts';
import * as announcementsPage from '../../src/routes/admin/events/[slug]/announcements/+page.server.ts';
import * as editPage from '../../src/routes/admin/events/[slug]/edit/+page.server.ts';
import * as invitePage from '../../src/routes/admin/events/[slug]/invitations/new/+page.server.ts';
import * as visitPage from '../../src/routes/admin/events/[slug]/visits/[id]/+page.server.ts';
import * as newEventPage from '../../src/routes/admin/events/new/+page.server.ts';
import * as staffPage from '../../src/routes/admin/staff/+page.server.ts';
import * as registerPage from '../../src/routes/events/[slug]/register/+page.server.ts';
import { makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { outcome } from '../helpers/hostile.ts';
import { ANONYMOUS, type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { addVisit, makeWorkshop } from '../helpers/visits.ts';

// CR or LF in a value that ends up in a mail header (an event or visit title in a subject, an
// announcement's subject, a recipient's address) could add headers such as Bcc. They are
// refused where people type them, with a sentence beside the field, and the outbox flattens
// or refuses them again whatever reaches it.

const INJECTIONS = [
	'Meeting\r\nBcc: victim@example.org',
	'Meeting\nBcc: victim@example.org',
	'Meeting\rBcc: victim@example.org'
];
const ADDRESSES = [
	'delegate@example.org\r\nBcc: victim@example.org',
	'delegate@example.org\nBcc: victim@example.org',
	'delegate@example.org\rBcc: victim@example.org'
];

let sink: SmtpSink;
let transport: Transport;
let organizer: Locals;
let admin: Locals;
let w: Awaited<ReturnType<typeof makeWorkshop>>;

beforeAll(async () => {
	sink = await startSmtpSink();
	transport = createTransport(sink.url);
	w = await makeWorkshop();
	organizer = await localsFor(w.organizer.id);
	admin = await localsFor((await makeStaff({ admin: true })).id);
});
afterAll(async () => {
	transport.close();
	await sink.stop();
});

/** Posts a form action of the workshop as its organizer. */
function post(
	action: (e: never) => unknown,
	path: string,
	form: Record<string, string | string[]>,
	params: Record<string, string> = {}
) {
	return outcome(() =>
		action(
			routeEvent({
				locals: organizer,
				path: `/admin/events/${w.event.slug}${path}`,
				params: { slug: w.event.slug, ...params },
				form
			})
		)
	);
}

/** The refusal names the field and says why, in words. */
function expectFieldRefused(
	result: Awaited<ReturnType<typeof outcome>>,
	field: string,
	why: RegExp
) {
	expect(result.status).toBe(400);
	const errors = (result.data?.errors ?? {}) as Record<string, string>;
	expect(errors[field], JSON.stringify(result.data)).toMatch(why);
}

function visitForm(values: VisitFormValues): Record<string, string | string[]> {
	const form: Record<string, string | string[]> = {
		version: values.version,
		title: values.title,
		summary: values.summary,
		meetingPoint: values.meetingPoint,
		departsAt: values.departsAt,
		returnsAt: values.returnsAt,
		transport: values.transport,
		seats: values.seats,
		eligibility: values.eligibility,
		categories: values.categories
	};
	for (const key of STOP_KEYS) form[STOP_FIELD[key]] = values.stops.map((s) => s[key]);
	return form;
}

describe('where people type them', () => {
	it('refuses a line break in an event title, new or edited', async () => {
		for (const title of INJECTIONS) {
			const created = await outcome(() =>
				newEventPage.actions.default(
					routeEvent({
						// Creating events is an account's own right: the administrator has it.
						locals: admin,
						path: '/admin/events/new',
						form: {
							...newEventFormValues('secretariat@example.org'),
							title,
							code: 'CRLF1',
							slug: 'crlf-test',
							startsOn: '2027-05-10',
							endsOn: '2027-05-12'
						}
					})
				)
			);
			expectFieldRefused(created, 'title', /one line/);
			const edited = await post(editPage.actions.save, '/edit', {
				...eventFormValues(w.event),
				title
			});
			expectFieldRefused(edited, 'title', /one line/);
		}
	});

	it('refuses a line break in a field visit’s title and an announcement’s subject', async () => {
		const visitId = await addVisit(w);
		const visit = await db()
			.selectFrom('field_visits')
			.selectAll()
			.where('id', '=', visitId)
			.executeTakeFirstOrThrow();
		const values = visitToFormValues(visit, await listStops(db(), [visitId]), w.event.time_zone);
		for (const text of INJECTIONS) {
			const saved = await post(
				visitPage.actions.save,
				`/visits/${visitId}`,
				visitForm({ ...values, title: text }),
				{ id: String(visitId) }
			);
			expectFieldRefused(saved, 'title', /one line/);
			const previewed = await post(announcementsPage.actions.preview, '/announcements', {
				subject: text,
				body: 'Hello',
				statuses: ['confirmed']
			});
			expectFieldRefused(previewed, 'subject', /one line/);
		}
	});

	it('refuses a line break in any address or name that is mailed to', async () => {
		for (const email of ADDRESSES) {
			const registered = await outcome(() =>
				registerPage.actions.default(
					routeEvent({
						locals: ANONYMOUS,
						path: `/events/${w.event.slug}/register`,
						params: { slug: w.event.slug },
						form: {
							familyName: 'Sok',
							position: 'Director',
							organisation: 'Ministry',
							delegationId: String(w.delegation.id),
							category: 'delegate',
							email,
							phone: '+855 23 123 456',
							dietary: 'none',
							consentDataProcessing: 'on',
							submissionKey: submissionKey()
						}
					})
				)
			);
			expectFieldRefused(registered, 'email', /e-mail address/);
			const invited = await post(invitePage.actions.default, '/invitations/new', {
				familyName: 'Sok',
				email,
				delegation: 'KH',
				send: 'later'
			});
			expectFieldRefused(invited, 'email', /e-mail address/);
			const staff = await outcome(() =>
				staffPage.actions.create(
					routeEvent({
						locals: admin,
						path: '/admin/staff?/create',
						form: { email, displayName: 'New Staff' }
					})
				)
			);
			expectFieldRefused(staff, 'email', /e-mail address/);
		}
		for (const name of INJECTIONS) {
			const invited = await post(invitePage.actions.default, '/invitations/new', {
				familyName: name,
				email: 'sok@example.org',
				delegation: 'KH',
				send: 'later'
			});
			expectFieldRefused(invited, 'familyName', /one line/);
		}
	});
});

describe('in the outbox, whatever reaches it', () => {
	it('flattens a subject to one line and refuses a recipient with a line break', async () => {
		for (const [i, subject] of INJECTIONS.entries()) {
			await enqueueEmail(db(), {
				to: 'delegate@example.org',
				template: 'test',
				dedupeKey: `crlf-subject-${i}`,
				subject,
				text: 'Text',
				html: '<p>Text</p>'
			});
			const row = await db()
				.selectFrom('emails')
				.select('subject')
				.where('dedupe_key', '=', `crlf-subject-${i}`)
				.executeTakeFirstOrThrow();
			expect(row.subject).toBe('Meeting Bcc: victim@example.org');
		}
		for (const [i, to] of ADDRESSES.entries()) {
			await expect(
				enqueueEmail(db(), {
					to,
					template: 'test',
					dedupeKey: `crlf-recipient-${i}`,
					subject: 'Hello',
					text: 'Text',
					html: '<p>Text</p>'
				})
			).rejects.toThrow(/line break/);
		}
		const queued = await db()
			.selectFrom('emails')
			.select('id')
			.where('dedupe_key', 'like', 'crlf-recipient-%')
			.execute();
		expect(queued).toEqual([]);
	});

	it('sends one recipient and no added header even when a stored title has a line break', async () => {
		// Written around the forms, as an old import or a database edit could.
		await db()
			.updateTable('events')
			.set({ title: 'Workshop\r\nBcc: victim@example.org' })
			.where('id', '=', w.event.id)
			.execute();
		const delegation = await makeDelegation(w.event.id, 'LA', { name: 'Lao PDR' });
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(delegation.id, { email: 'crlf-delegate@example.org' }),
			submissionKey: submissionKey()
		});
		while ((await deliverDue(db(), transport, 'Kaigi <no-reply@kaigi.test>')) > 0);
		const received = sink.messages.filter((m) =>
			JSON.stringify(m.to).includes('crlf-delegate@example.org')
		);
		expect(received.length).toBeGreaterThan(0);
		for (const message of received) {
			expect(message.headers.has('bcc')).toBe(false);
			expect(message.subject).not.toMatch(/[\r\n]/);
			expect(message.subject).toContain('Workshop Bcc: victim@example.org');
			const to = Array.isArray(message.to) ? message.to : [message.to];
			expect(to.flatMap((t) => t!.value.map((a) => a.address))).toEqual([
				'crlf-delegate@example.org'
			]);
		}
		expect(sink.messages.some((m) => JSON.stringify(m.to ?? '').includes('victim'))).toBe(false);
	});
});

describe('Reply-To on mail to delegates', () => {
	it('answers to the event’s contact address, through the transport to the SMTP server', async () => {
		const event = await makeEvent();
		await db()
			.updateTable('events')
			.set({ contact_email: 'hlom-secretariat@example.org' })
			.where('id', '=', event.id)
			.execute();
		const delegation = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id, { email: 'reply-to-delegate@example.org' }),
			submissionKey: submissionKey()
		});
		await db()
			.transaction()
			.execute(async (trx) => {
				await enqueueEmail(trx, {
					to: 'reply-to-batch@example.org',
					template: 'test',
					dedupeKey: `reply-to-explicit-${event.id}`,
					subject: 'Explicit',
					text: 'x',
					html: '<p>x</p>',
					eventId: event.id,
					replyTo: 'desk@example.org'
				});
				await enqueueEmail(trx, {
					to: 'reply-to-staff@example.org',
					template: 'test',
					dedupeKey: `reply-to-none-${event.id}`,
					subject: 'To staff',
					text: 'x',
					html: '<p>x</p>',
					eventId: event.id,
					replyTo: null
				});
			});
		while ((await deliverDue(db(), transport, 'Kaigi <no-reply@kaigi.test>')) > 0);
		const to = (address: string) =>
			sink.messages.filter((m) => JSON.stringify(m.to).includes(address));
		const replyTo = (m: (typeof sink.messages)[number]) =>
			m.replyTo?.value.map((a) => a.address) ?? [];
		const confirmation = to('reply-to-delegate@example.org');
		expect(confirmation.length).toBeGreaterThan(0);
		for (const m of confirmation) expect(replyTo(m)).toEqual(['hlom-secretariat@example.org']);
		expect(to('reply-to-batch@example.org').map(replyTo)).toEqual([['desk@example.org']]);
		expect(to('reply-to-staff@example.org').map(replyTo)).toEqual([[]]);
	});
});
