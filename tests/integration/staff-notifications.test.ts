import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { declineInvitation } from '../../src/lib/server/invitations/invitation-response.service.ts';
import { inviteOne } from '../../src/lib/server/invitations/invitation.service.ts';
import { enqueueEmail } from '../../src/lib/server/mail/outbox.ts';
import { createTransport, type Transport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue, startWorker } from '../../src/lib/server/mail/worker.ts';
import {
	notificationModeFor,
	sendStaffNotifications,
	setNotificationMode
} from '../../src/lib/server/notifications/notification.service.ts';
import {
	cancelRegistration,
	decideRegistrations
} from '../../src/lib/server/registrations/decision.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { updateRegistration } from '../../src/lib/server/registrations/update.service.ts';
import * as notificationsPage from '../../src/routes/admin/events/[slug]/notifications/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { textAsSent } from '../helpers/outbox.ts';
import { delegateActor } from '../helpers/event-actors.ts';
import { outcome } from '../helpers/hostile.ts';
import { routeEvent, localsFor } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

// Organizers and the secretariat are told what needs them: at once, or in one digest a day
// from 08:00 in the event's time zone (Hanoi, UTC+7 here), read from the audit trail by the
// mail worker's loop with the application clock.

const FROM = 'Kaigi <no-reply@kaigi.test>';
const hanoi = (local: string) => new Date(`${local}+07:00`);

let sink: SmtpSink;
let transport: Transport;

beforeAll(async () => {
	sink = await startSmtpSink();
	transport = createTransport(sink.url);
});
afterAll(async () => {
	setNow(undefined);
	transport.close();
	await sink.stop();
});
afterEach(() => setNow(undefined));

const actorOf = (user: { id: number; display_name: string }) => ({
	id: user.id,
	name: user.display_name,
	staff: true,
	admin: false
});

async function hanoiWorkshop() {
	const organizer = await makeStaff();
	const secretariat = await makeStaff();
	const event = await makeEvent({
		time_zone: 'Asia/Ho_Chi_Minh',
		registration_mode: 'approval',
		starts_on: '2027-02-15',
		ends_on: '2027-02-19'
	});
	await addEventStaff(event.id, organizer.id, 'organizer');
	await addEventStaff(event.id, secretariat.id, 'secretariat');
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	return { organizer, secretariat, event, vn, th };
}

/** Runs the worker's two steps until nothing is left; returns the mails the sink got for `to`. */
async function drain(to: string) {
	await sendStaffNotifications();
	while ((await deliverDue(db(), transport, FROM)) > 0);
	return sink.messages.filter((m) => JSON.stringify(m.to).includes(to));
}

/** Everything the digest should report, done by delegates and one failed mail. */
async function aDayOfNews(w: Awaited<ReturnType<typeof hanoiWorkshop>>) {
	// A registration waiting for approval.
	await registerDelegate({
		eventId: w.event.id,
		values: delegateValues(w.vn.id, { familyName: 'Trần', givenName: 'Văn An' }),
		submissionKey: submissionKey()
	});
	// An invitation declined with a reason.
	const { id: invitationId } = await inviteOne(
		actorOf(w.organizer),
		w.event.id,
		{
			honorific: 'Mr.',
			givenName: 'Somchai',
			familyName: 'Jaidee',
			email: `somchai-${w.event.id}@example.go.th`,
			delegation: 'TH',
			organisation: 'MSDHS',
			position: 'Director',
			category: 'head_of_delegation',
			personalMessage: undefined
		},
		{ send: true }
	);
	const invitationMail = await db()
		.selectFrom('emails')
		.select(['text_body', 'links_enc'])
		.where('template', 'like', 'invitation%')
		.where('event_id', '=', w.event.id)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	const token = /\/invitations\/([a-z2-7]+)/.exec(textAsSent(invitationMail))![1];
	await declineInvitation(token, 'The Minister travels to Geneva that week');
	expect(invitationId).toBeGreaterThan(0);
	// Approved by the organizer, then edited and cancelled by the delegate.
	const values = delegateValues(w.vn.id, { familyName: 'Phạm', givenName: 'Thu Hà' });
	const reg = await registerDelegate({
		eventId: w.event.id,
		values,
		submissionKey: submissionKey()
	});
	await decideRegistrations(actorOf(w.organizer), w.event.id, [reg.registrationId], 'approve');
	const owner = await db()
		.selectFrom('registrations')
		.select(['user_id', 'version'])
		.where('id', '=', reg.registrationId)
		.executeTakeFirstOrThrow();
	const delegate = delegateActor(owner.user_id);
	await updateRegistration(delegate, reg.registrationId, owner.version, {
		...values,
		position: 'Deputy Director-General'
	});
	await cancelRegistration(delegate, reg.registrationId, 'Replaced by a colleague');
	// A mail given up on: the server refuses it and its retries are spent.
	await enqueueEmail(db(), {
		to: `lost-${w.event.id}@example.org`,
		template: 'announcement',
		dedupeKey: `lost-${w.event.id}`,
		subject: 'Programme',
		text: 'x',
		html: '<p>x</p>',
		eventId: w.event.id
	});
	await db()
		.updateTable('emails')
		.set({ attempts: 40 })
		.where('dedupe_key', '=', `lost-${w.event.id}`)
		.execute();
	sink.refuse(true);
	try {
		while ((await deliverDue(db(), transport, FROM)) > 0);
	} finally {
		sink.refuse(false);
	}
}

describe('the daily digest', () => {
	it('goes out once at 08:00 event time with the right items, not before and not twice', async () => {
		const w = await hanoiWorkshop();
		setNow(hanoi('2027-01-10T18:00:00'));
		await setNotificationMode(actorOf(w.organizer), w.event.id, 'digest');
		expect(await notificationModeFor(actorOf(w.organizer), w.event.id)).toBe('digest');

		setNow(hanoi('2027-01-11T06:00:00'));
		await aDayOfNews(w);

		setNow(hanoi('2027-01-11T07:59:30'));
		expect(await drain(w.organizer.email)).toEqual([]);

		setNow(hanoi('2027-01-11T08:00:30'));
		const digests = await drain(w.organizer.email);
		expect(digests).toHaveLength(1);
		const digest = digests[0];
		expect(digest.subject).toBe(`[${w.event.code}] Daily summary for Mon 11 Jan 2027`);
		const text = digest.text!;
		expect(text).toContain('1 registration is waiting for approval.');
		expect(text).toMatch(/Waiting for your approval:\n- .*TRẦN Văn An \(.+\) registered\./);
		expect(text).toContain('JAIDEE Somchai declined: “The Minister travels to Geneva that week”');
		expect(text).toMatch(/PHẠM Thu Hà \(.+\) changed: Position\./);
		expect(text).toMatch(/PHẠM Thu Hà \(.+\) cancelled: “Replaced by a colleague”/);
		expect(text).toContain(`lost-${w.event.id}@example.org`);
		// The organizer's own approval is not news to them; internal fields never appear.
		expect(text).not.toMatch(/Approved|version|delegation_id/);
		expect(digest.replyTo).toBeUndefined();

		// Later the same day: nothing more, even with news.
		setNow(hanoi('2027-01-11T15:00:00'));
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(w.vn.id, { familyName: 'Lê', givenName: 'Minh' }),
			submissionKey: submissionKey()
		});
		expect(await drain(w.organizer.email)).toHaveLength(1);

		// The next morning, only what is new.
		setNow(hanoi('2027-01-12T07:00:00'));
		expect(await drain(w.organizer.email)).toHaveLength(1);
		setNow(hanoi('2027-01-12T08:10:00'));
		const both = await drain(w.organizer.email);
		expect(both).toHaveLength(2);
		const second = both[1].text!;
		expect(second).toContain('LÊ Minh');
		expect(second).not.toContain('JAIDEE');
		expect(second).toContain('2 registrations are waiting for approval.');
	});
});

describe('immediate notices', () => {
	it('tell the secretariat at once, through the outbox, and nothing twice', async () => {
		const w = await hanoiWorkshop();
		await setNotificationMode(actorOf(w.secretariat), w.event.id, 'immediate');
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(w.vn.id, { familyName: 'Đỗ', givenName: 'Lan' }),
			submissionKey: submissionKey()
		});
		const first = await drain(w.secretariat.email);
		expect(first).toHaveLength(1);
		expect(first[0].subject).toMatch(
			new RegExp(`^\\[${w.event.code}\\] Ms\\. ĐỖ Lan \\(.+\\) registered\\.$`)
		);
		expect(await drain(w.secretariat.email)).toHaveLength(1);

		// A secretariat member who reads Japanese is told in Japanese.
		await db()
			.updateTable('users')
			.set({ language: 'ja' })
			.where('id', '=', w.secretariat.id)
			.execute();
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(w.vn.id, { familyName: 'Phạm', givenName: 'Hoa' }),
			submissionKey: submissionKey()
		});
		const ja = await drain(w.secretariat.email);
		expect(ja).toHaveLength(2);
		expect(ja[1].subject).toMatch(/PHẠM Hoa \(.+\) が参加登録しました。$/);
		await db()
			.updateTable('users')
			.set({ language: 'en' })
			.where('id', '=', w.secretariat.id)
			.execute();

		// Someone who turns notices off hears nothing more; the organizer never chose any.
		await setNotificationMode(actorOf(w.secretariat), w.event.id, 'off');
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(w.vn.id),
			submissionKey: submissionKey()
		});
		expect(await drain(w.secretariat.email)).toHaveLength(2);
		expect(await drain(w.organizer.email)).toEqual([]);
	});

	it('stop when the person leaves the event’s staff', async () => {
		const w = await hanoiWorkshop();
		await setNotificationMode(actorOf(w.secretariat), w.event.id, 'immediate');
		await db()
			.deleteFrom('event_staff')
			.where('event_id', '=', w.event.id)
			.where('user_id', '=', w.secretariat.id)
			.execute();
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(w.vn.id),
			submissionKey: submissionKey()
		});
		expect(await drain(w.secretariat.email)).toEqual([]);
	});
});

describe('the mail worker', () => {
	it('sends the notices from its own loop', async () => {
		const w = await hanoiWorkshop();
		await setNotificationMode(actorOf(w.secretariat), w.event.id, 'immediate');
		await registerDelegate({
			eventId: w.event.id,
			values: delegateValues(w.vn.id, { familyName: 'Vũ', givenName: 'Hoa' }),
			submissionKey: submissionKey()
		});
		const worker = startWorker({
			database: db(),
			transport: createTransport(sink.url),
			pollMs: 100
		});
		try {
			const deadline = Date.now() + 10_000;
			const got = () =>
				sink.messages.filter((m) => JSON.stringify(m.to).includes(w.secretariat.email));
			while (got().length === 0 && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 100));
			expect(got()).toHaveLength(1);
			expect(got()[0].subject).toContain('VŨ Hoa');
		} finally {
			await worker.stop();
		}
	});
});

describe('failed notices', () => {
	it('are not themselves announced to staff, while a delegate’s failed mail is', async () => {
		const w = await hanoiWorkshop();
		await setNotificationMode(actorOf(w.secretariat), w.event.id, 'immediate');
		const failed = (template: string, recipient: string) => ({
			at: new Date(),
			actor_user_id: null,
			action: 'email.failed',
			entity_type: 'email',
			entity_id: '1',
			event_id: w.event.id,
			diff: JSON.stringify({ template, recipient, error: '550 No such user' })
		});
		await db()
			.insertInto('audit_log')
			.values([
				failed('staff-notification', 'old-colleague@example.org'),
				failed('registration-confirmed', 'typo@exmaple.org')
			])
			.execute();
		const notices = await drain(w.secretariat.email);
		expect(notices).toHaveLength(1);
		expect(notices[0].text).toContain('typo@exmaple.org: 550 No such user');
		expect(notices[0].text).not.toContain('old-colleague@example.org');
	});
});

describe('the settings page', () => {
	it('saves the person’s own choice and refuses anything else in words', async () => {
		const w = await hanoiWorkshop();
		const locals = await localsFor(w.secretariat.id);
		const post = (form: Record<string, string>) =>
			outcome(() =>
				notificationsPage.actions.default(
					routeEvent({
						locals,
						path: `/admin/events/${w.event.slug}/notifications`,
						params: { slug: w.event.slug },
						form
					}) as never
				)
			);
		const saved = await post({ mode: 'digest' });
		expect(saved.data).toMatchObject({ saved: 'digest' });
		expect(await notificationModeFor(actorOf(w.secretariat), w.event.id)).toBe('digest');
		const refused = await post({ mode: 'hourly' });
		expect(refused.status).toBe(400);
		expect(refused.data).toMatchObject({ errors: { mode: 'Choose one of the options' } });
		expect(await notificationModeFor(actorOf(w.secretariat), w.event.id)).toBe('digest');
	});
});
