import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { decideOnLetter, delegationBoard } from '../../src/lib/server/delegations/board.service.ts';
import {
	delegationPage,
	endorse,
	focalPointFor,
	nominate,
	registerNominee,
	designateHead,
	substitute,
	uploadLetter
} from '../../src/lib/server/delegations/delegation-page.service.ts';
import {
	addFocalPoint,
	remindUnfinished,
	sendAutoReminders,
	sendCall,
	setCategoryQuotas,
	setNominationSettings
} from '../../src/lib/server/delegations/focal-point.service.ts';
import {
	actions as pageActions,
	load as pageLoad
} from '../../src/routes/delegations/[token]/+page.server.ts';
import { GET as letterGet } from '../../src/routes/delegations/[token]/letters/[id]/+server.ts';
import {
	decideRegistrations,
	registerDelegate
} from '../../src/lib/server/registrations/registration.service.ts';
import { makeDelegation } from '../helpers/factories.ts';
import { delegateActor, domainError, eventWithPeople } from '../helpers/event-actors.ts';
import { textAsSent, useSmtpSink } from '../helpers/outbox.ts';
import { ANONYMOUS, localsFor, randomIp, routeEvent, statusOf } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Delegations run by their focal points (issue: nominations, substitutions, letters): quotas per
// category under the event lock, one-time links that open one delegation and nothing else,
// substitutions that keep the seat, letters checked by their bytes, the reminder sent once.

const NONE = {
	head_of_delegation: null,
	delegate: null,
	observer: null,
	resource_person: null,
	secretariat: null,
	press: null
};
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function setup() {
	const people = await eventWithPeople({
		registration_mode: 'invitation',
		starts_on: '2027-02-16',
		ends_on: '2027-02-18'
	});
	const { event, organizer } = people;
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const suffix = Math.random().toString(36).slice(2, 8);
	const thFp = await addFocalPoint(organizer, event.id, th.id, {
		name: 'Somchai Prasert',
		email: `somchai-${suffix}@mfa.go.th.example`,
		organisation: 'Ministry of Foreign Affairs',
		phone: undefined
	});
	const vnFp = await addFocalPoint(organizer, event.id, vn.id, {
		name: 'Tran Van Binh',
		email: `binh-${suffix}@molisa.gov.vn.example`,
		organisation: undefined,
		phone: undefined
	});
	await setCategoryQuotas(organizer, event.id, th.id, {
		...NONE,
		head_of_delegation: 1,
		delegate: 2
	});
	return { ...people, th, vn, thFp, vnFp, suffix };
}

/** The delegation-page link of the newest mail to an address, as the recipient gets it. */
async function linkMailedTo(email: string): Promise<string> {
	const row = await db()
		.selectFrom('emails')
		.select(['text_body', 'links_enc'])
		.where('recipient', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	const match = /\/delegations\/([A-Za-z0-9_-]+)/.exec(textAsSent(row));
	if (!match) throw new Error('no delegation link in the mail');
	return match[1];
}

async function focalPointEmail(id: number) {
	const row = await db()
		.selectFrom('focal_points')
		.select(['email', 'user_id'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	return row;
}

/** Opens a link as its focal point would: GET shows the button, POST uses it and signs in. */
async function signInWith(token: string) {
	const page = routeEvent({
		locals: ANONYMOUS,
		path: `/delegations/${token}?/open`,
		params: { token },
		form: {},
		ip: randomIp()
	});
	const cookies = (page as unknown as { cookies: { jar: Map<string, string> } }).cookies;
	const outcome = await statusOf(() => pageActions.open(page as never));
	expect(outcome).toBe(303);
	const session = cookies.jar.get('kaigi_session');
	expect(session).toBeTruthy();
	return session!;
}

describe('focal points and the call for nominations', () => {
	const sink = useSmtpSink();

	it('mails each focal point a personal link with its places and the deadline in the event zone', async () => {
		const { event, organizer, thFp } = await setup();
		await setNominationSettings(organizer, event.id, {
			deadline: new Date('2027-01-15T08:00:00Z'),
			reminderDays: 7
		});
		expect(await sendCall(organizer, event.id, 'all', 'Please nominate senior officials.')).toBe(2);
		await sink.deliver();
		const fp = await focalPointEmail(thFp.id);
		const mail = sink.messages.find((m) => toOf(m).includes(fp.email));
		expect(mail?.subject).toBe(`Call for nominations: ${event.title}`);
		expect(mail?.text).toContain('1 × Heads of delegation, 2 × Delegates');
		expect(mail?.text).toMatch(/15 Jan 2027.*17:00/);
		expect(mail?.text).toContain('Please nominate senior officials.');
		expect(mail?.text).toMatch(/\/delegations\/[A-Za-z0-9_-]{30,}/);
	});

	it('signs the focal point in once per link; a used link only offers a new one by mail', async () => {
		const { event, organizer, thFp } = await setup();
		await sendCall(organizer, event.id, [thFp.id]);
		const fp = await focalPointEmail(thFp.id);
		const token = await linkMailedTo(fp.email);
		const anonymous = await pageLoad(
			routeEvent({ locals: ANONYMOUS, path: `/delegations/${token}`, params: { token } }) as never
		);
		expect(anonymous).toMatchObject({ state: 'usable', page: null });
		await signInWith(token);
		const again = await pageLoad(
			routeEvent({ locals: ANONYMOUS, path: `/delegations/${token}`, params: { token } }) as never
		);
		expect(again).toMatchObject({ state: 'used', page: null });
		// Signed in as the focal point, the same address is their page.
		const locals = await localsFor(fp.user_id, 'email_link');
		const own = (await pageLoad(
			routeEvent({ locals, path: `/delegations/${token}`, params: { token } }) as never
		)) as {
			state: string;
			page: { delegation: { name: string } };
		};
		expect(own.state).toBe('owner');
		expect(own.page.delegation.name).toBe('Thailand');
	});
});

describe('nominations within the places per category', () => {
	const sink = useSmtpSink();

	it('invites a nominee with the delegation and category fixed, and refuses one over the quota with the numbers', async () => {
		const { event, thFp, th, suffix } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const person = (n: number, category: 'delegate' | 'head_of_delegation' = 'delegate') => ({
			honorific: undefined,
			givenName: 'Anong',
			familyName: `Srisuk ${n}`,
			email: `anong${n}-${suffix}@example.org`,
			organisation: undefined,
			position: 'Director',
			category
		});
		await nominate(context, person(1));
		await nominate(context, person(2));
		const over = await domainError(nominate(context, person(3)));
		expect(over.message).toBe(
			'The delegation of Thailand has 2 places for Delegates, and all are taken.'
		);
		expect(over.field).toBe('category');
		const invitation = await db()
			.selectFrom('invitations')
			.select(['delegation_id', 'category', 'focal_point_id', 'status'])
			.where('email', '=', `anong1-${suffix}@example.org`)
			.executeTakeFirstOrThrow();
		expect(invitation).toEqual({
			delegation_id: th.id,
			category: 'delegate',
			focal_point_id: thFp.id,
			status: 'sent'
		});
		await sink.deliver();
		expect(
			sink.messages.filter((m) => toOf(m).includes(`anong1-${suffix}@example.org`))
		).toHaveLength(1);
		expect(
			sink.messages.some(
				(m) => toOf(m).includes(fp.email) && (m.subject ?? '').startsWith('Nomination received')
			)
		).toBe(true);
	});

	it('gives the last place to one of two focal points nominating at the same moment', async () => {
		const { event, organizer, th, thFp, suffix } = await setup();
		const second = await addFocalPoint(organizer, event.id, th.id, {
			name: 'Second desk',
			email: `embassy-${suffix}@thaiembassy.example`,
			organisation: undefined,
			phone: undefined
		});
		await setCategoryQuotas(organizer, event.id, th.id, { ...NONE, observer: 1 });
		const contexts = await Promise.all(
			[thFp.id, second.id].map(async (id) =>
				focalPointFor(await tokenFor(event.id, id), (await focalPointEmail(id)).user_id)
			)
		);
		const results = await Promise.allSettled(
			contexts.map((c, i) =>
				nominate(c, {
					honorific: undefined,
					givenName: undefined,
					familyName: `Observer ${i}`,
					email: `observer${i}-${suffix}@example.org`,
					organisation: undefined,
					position: undefined,
					category: 'observer'
				})
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason.message).toContain('1 place for Observers');
	});

	it('registers a nominee on their behalf, recorded as entered by the focal point; the first head is the head', async () => {
		const { event, th, thFp } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const result = await registerNominee(
			context,
			delegateValues(th.id, { category: 'head_of_delegation' }),
			submissionKey()
		);
		const row = await db()
			.selectFrom('registrations')
			.select(['entered_by_kind', 'entered_by', 'status'])
			.where('reference', '=', result.reference)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			entered_by_kind: 'focal_point',
			entered_by: fp.user_id,
			status: 'confirmed'
		});
		const view = await delegationPage(context);
		expect(view.progress?.head?.reference).toBe(result.reference);
		const second = await domainError(
			registerNominee(
				context,
				delegateValues(th.id, { category: 'head_of_delegation' }),
				submissionKey()
			)
		);
		expect(second.message).toContain('1 place for Heads of delegation');
		// The focal point is told, once, as for a nomination by invitation.
		const told = await db()
			.selectFrom('emails')
			.select(['recipient', 'subject', 'text_body'])
			.where('dedupe_key', '=', `nomination-received-registration-${result.registrationId}`)
			.execute();
		expect(told).toHaveLength(1);
		expect(told[0].recipient).toBe(fp.email);
		expect(told[0].text_body).toContain('We have received the registration of');
	});

	it('names the head of delegation: exactly one, the previous head becomes a delegate', async () => {
		const { event, th, thFp } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const first = await registerNominee(
			context,
			delegateValues(th.id, { category: 'head_of_delegation' }),
			submissionKey()
		);
		const other = await registerNominee(context, delegateValues(th.id), submissionKey());
		await designateHead(context, other.registrationId);
		const categories = await db()
			.selectFrom('registrations')
			.select(['reference', 'category'])
			.where('id', 'in', [first.registrationId, other.registrationId])
			.orderBy('id')
			.execute();
		expect(categories).toEqual([
			{ reference: first.reference, category: 'delegate' },
			{ reference: other.reference, category: 'head_of_delegation' }
		]);
		const heads = await db()
			.selectFrom('delegation_heads')
			.select('registration_id')
			.where('delegation_id', '=', th.id)
			.execute();
		expect(heads).toEqual([{ registration_id: other.registrationId }]);
		expect((await delegationPage(context)).progress?.head?.reference).toBe(other.reference);
	});
});

describe('substitutions', () => {
	const sink = useSmtpSink();

	it('hands the seat to the replacement in one step, cancels the person replaced, and mails both once', async () => {
		const { event, th, thFp, suffix } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const first = await registerNominee(
			context,
			delegateValues(th.id, { category: 'head_of_delegation' }),
			submissionKey()
		);
		const seatsBefore = await db()
			.selectFrom('events')
			.select('seats_taken')
			.where('id', '=', event.id)
			.executeTakeFirstOrThrow();
		const done = (await substitute(context, first.registrationId, {
			honorific: 'Mr.',
			givenName: 'Kittisak',
			familyName: 'Boonmee',
			email: `kittisak-${suffix}@example.org`,
			organisation: undefined,
			position: 'Deputy Director-General',
			note: undefined
		})) as { reference: string };
		expect(done.reference).toMatch(/-TH-\d{3}$/);
		const rows = await db()
			.selectFrom('registrations')
			.select(['reference', 'status', 'category', 'decline_reason', 'replaces_registration_id'])
			.where('delegation_id', '=', th.id)
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			expect.objectContaining({
				reference: first.reference,
				status: 'cancelled',
				decline_reason: `Replaced by BOONMEE Kittisak (${done.reference})`
			}),
			expect.objectContaining({
				reference: done.reference,
				status: 'confirmed',
				category: 'head_of_delegation',
				replaces_registration_id: first.registrationId
			})
		]);
		const seatsAfter = await db()
			.selectFrom('events')
			.select('seats_taken')
			.where('id', '=', event.id)
			.executeTakeFirstOrThrow();
		expect(seatsAfter.seats_taken).toBe(seatsBefore.seats_taken);
		expect((await delegationPage(context)).progress?.head?.reference).toBe(done.reference);
		await sink.deliver();
		await sink.deliver();
		const about = sink.messages.filter((m) =>
			(m.subject ?? '').startsWith('Substitution in the delegation of Thailand')
		);
		expect(about.map(toOf).sort()).toEqual(
			[
				first.reference && (await emailOf(first.registrationId)),
				`kittisak-${suffix}@example.org`,
				fp.email
			].sort()
		);
	});

	it('after the deadline, waits for the organizers: approved, it is made as asked; never twice', async () => {
		const { event, organizer, th, thFp, suffix } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const first = await registerNominee(context, delegateValues(th.id), submissionKey());
		await setNominationSettings(organizer, event.id, {
			deadline: new Date(Date.now() - 60_000),
			reminderDays: null
		});
		const late = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const replacement = {
			honorific: undefined,
			givenName: 'Malee',
			familyName: 'Chaiyasit',
			email: `malee-${suffix}@example.org`,
			organisation: undefined,
			position: undefined,
			note: 'Minister’s decision'
		};
		expect(await substitute(late, first.registrationId, replacement)).toEqual({ requested: true });
		const twice = await domainError(substitute(late, first.registrationId, replacement));
		expect(twice.message).toContain('already waits for the organizers');
		const status = await db()
			.selectFrom('registrations')
			.select('status')
			.where('id', '=', first.registrationId)
			.executeTakeFirstOrThrow();
		expect(status.status).toBe('confirmed');
		const { openSubstitutions, decideSubstitution } =
			await import('../../src/lib/server/delegations/substitution-request.service.ts');
		const [request] = await openSubstitutions(organizer, event.id, th.id);
		const done = await decideSubstitution(organizer, event, request.id, true);
		expect(done.reference).toMatch(/-TH-\d{3}$/);
		const rows = await db()
			.selectFrom('registrations')
			.select(['status', 'email', 'entered_by_kind'])
			.where('delegation_id', '=', th.id)
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			expect.objectContaining({ status: 'cancelled' }),
			{ status: 'confirmed', email: `malee-${suffix}@example.org`, entered_by_kind: 'organizer' }
		]);
		const again = await domainError(decideSubstitution(organizer, event, request.id, true));
		expect(again.code).toBe('stale');
	});
});

describe('a focal point sees only their own delegation', () => {
	it("answers 403 to Thailand's focal point on Viet Nam's page, by URL, by POST and by letter id", async () => {
		const { event, organizer, thFp, vnFp } = await setup();
		await sendCall(organizer, event.id, 'all');
		const th = await focalPointEmail(thFp.id);
		const vn = await focalPointEmail(vnFp.id);
		const vnToken = await linkMailedTo(vn.email);
		const thaiLocals = await localsFor(th.user_id, 'email_link');
		// A page of another delegation: the visitor is not its focal point, so no page data.
		const seen = await pageLoad(
			routeEvent({
				locals: thaiLocals,
				path: `/delegations/${vnToken}`,
				params: { token: vnToken }
			}) as never
		);
		expect(seen).toMatchObject({ page: null });
		const post = (action: keyof typeof pageActions, form: Record<string, string>) =>
			statusOf(() =>
				pageActions[action](
					routeEvent({
						locals: thaiLocals,
						path: `/delegations/${vnToken}?/${action}`,
						params: { token: vnToken },
						form
					}) as never
				)
			);
		expect(
			await post('nominate', {
				familyName: 'Intruder',
				email: 'x@example.org',
				category: 'delegate'
			})
		).toBe(403);
		expect(await post('head', { id: '1' })).toBe(403);
		expect(await post('substitute', { id: '1', familyName: 'X', email: 'y@example.org' })).toBe(
			403
		);
		expect(await post('withdraw', { id: '1' })).toBe(403);
		// Viet Nam's letter, asked for through Thailand's own page: not found.
		const vnContext = await focalPointFor(vnToken, vn.user_id);
		await uploadLetter(vnContext, { name: 'note-verbale.pdf', bytes: PDF });
		const letter = await db()
			.selectFrom('delegation_letters')
			.select('id')
			.where('delegation_id', '=', vnContext.delegation.id)
			.executeTakeFirstOrThrow();
		const thToken = await linkMailedTo(th.email);
		expect(
			await statusOf(() =>
				letterGet(
					routeEvent({
						locals: thaiLocals,
						path: `/delegations/${thToken}/letters/${letter.id}`,
						params: { token: thToken, id: String(letter.id) }
					}) as never
				)
			)
		).toBe(404);
		expect(
			await statusOf(() =>
				letterGet(
					routeEvent({
						locals: thaiLocals,
						path: `/delegations/${vnToken}/letters/${letter.id}`,
						params: { token: vnToken, id: String(letter.id) }
					}) as never
				)
			)
		).toBe(403);
	});
});

describe('nomination letters', () => {
	const sink = useSmtpSink();

	it('runs the virus-scan hook on a letter: infected or unchecked is refused and nothing stored', async () => {
		const { event, thFp } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const letters = () =>
			db()
				.selectFrom('delegation_letters')
				.select('id')
				.where('delegation_id', '=', context.delegation.id)
				.execute();
		const infected = new TextEncoder().encode('%PDF-1.7\n% EICAR-STANDARD-ANTIVIRUS-TEST-FILE\n');
		try {
			// A scanner by ClamAV's convention: reads stdin, exit 1 when it finds the signature.
			process.env.UPLOAD_SCAN_COMMAND = 'if grep -q EICAR-STANDARD; then exit 1; fi; exit 0';
			reloadConfig();
			const refused = await domainError(uploadLetter(context, { name: 'a.pdf', bytes: infected }));
			expect(refused.message).toMatch(/virus check found something harmful/);
			expect(await letters()).toHaveLength(0);
			process.env.UPLOAD_SCAN_COMMAND = 'cat > /dev/null; exit 2';
			reloadConfig();
			const unchecked = await domainError(uploadLetter(context, { name: 'a.pdf', bytes: PDF }));
			expect(unchecked.message).toMatch(/could not be checked for viruses/);
			expect(await letters()).toHaveLength(0);
			process.env.UPLOAD_SCAN_COMMAND = 'if grep -q EICAR-STANDARD; then exit 1; fi; exit 0';
			reloadConfig();
			await uploadLetter(context, { name: 'clean.pdf', bytes: PDF });
			expect(await letters()).toHaveLength(1);
		} finally {
			delete process.env.UPLOAD_SCAN_COMMAND;
			reloadConfig();
		}
	});

	it('refuses what is not a PDF, JPEG or PNG, stores a letter, and tells the focal points of the verdict', async () => {
		const { event, secretariat, thFp } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const html = await domainError(
			uploadLetter(context, {
				name: 'letter.pdf',
				bytes: new TextEncoder().encode('<html><script>alert(1)</script>')
			})
		);
		expect(html.message).toBe('The file must be a PDF, JPEG or PNG file.');
		expect(
			await db()
				.selectFrom('delegation_letters')
				.select('id')
				.where('delegation_id', '=', context.delegation.id)
				.execute()
		).toHaveLength(0);
		await uploadLetter(context, { name: 'Note verbale 12-2026.pdf', bytes: PDF });
		const board = await delegationBoard(secretariat, event, 'unverified');
		expect(board.rows.map((r) => r.code)).toEqual(['TH']);
		const letterId = board.rows[0].letter!.id;
		await decideOnLetter(secretariat, event, letterId, {
			decision: 'rejected',
			reason: 'Unsigned copy'
		});
		await sink.deliver();
		const told = sink.messages.find(
			(m) =>
				toOf(m).includes(fp.email) && (m.subject ?? '').startsWith('Nomination letter not accepted')
		);
		expect(told?.text).toContain('Reason: Unsigned copy');
		const again = await domainError(
			decideOnLetter(secretariat, event, letterId, { decision: 'verified' })
		);
		expect(again.code).toBe('stale');
		expect((await delegationPage(context)).progress?.letter).toMatchObject({
			status: 'rejected',
			reason: 'Unsigned copy'
		});
	});
});

describe('reminders', () => {
	const sink = useSmtpSink();

	it('reminds only unfinished delegations, and the automatic reminder goes once even with two workers', async () => {
		const { event, organizer, thFp, vnFp } = await setup();
		const deadline = new Date(Date.now() + 3 * 86_400_000);
		await setNominationSettings(organizer, event.id, { deadline, reminderDays: 5 });
		await sendCall(organizer, event.id, 'all');
		expect(await remindUnfinished(organizer, event.id)).toBe(2);
		const results = await Promise.all([sendAutoReminders(), sendAutoReminders()]);
		const mine = await db()
			.selectFrom('focal_points')
			.select(['id', 'auto_reminded_at'])
			.where('id', 'in', [thFp.id, vnFp.id])
			.execute();
		expect(mine.every((f) => f.auto_reminded_at !== null)).toBe(true);
		const queued = await db()
			.selectFrom('emails')
			.select('dedupe_key')
			.where('dedupe_key', 'in', [
				`nomination-reminder-${thFp.id}-auto`,
				`nomination-reminder-${vnFp.id}-auto`
			])
			.execute();
		expect(queued).toHaveLength(2);
		expect(results.reduce((a, b) => a + b, 0)).toBe(2);
		await sendAutoReminders();
		expect(
			await db()
				.selectFrom('emails')
				.select('id')
				.where('dedupe_key', 'like', `nomination-reminder-${thFp.id}-auto%`)
				.execute()
		).toHaveLength(1);
		await sink.deliver();
		const reminder = sink.messages.find(
			(m) => m.subject === `Reminder: nominations for ${event.title}`
		);
		expect(reminder?.text).toContain('Still missing:');
	});
});

/** The address a delivered message went to. */
function toOf(message: { to?: unknown }): string {
	return (message.to as { text: string }).text;
}

async function emailOf(registrationId: number) {
	const row = await db()
		.selectFrom('registrations')
		.select('email')
		.where('id', '=', registrationId)
		.executeTakeFirstOrThrow();
	return row.email;
}

/** A fresh link for a focal point, made the way a call makes one. */
async function tokenFor(eventId: number, focalPointId: number): Promise<string> {
	const { newFocalPointLink } =
		await import('../../src/lib/server/delegations/focal-point.service.ts');
	const link = await newFocalPointLink(db(), focalPointId, null, new Date());
	void eventId;
	return link.split('/delegations/')[1];
}

describe('the board as a file and on the dashboard', () => {
	it('exports one row per delegation with places, head and letter; the dashboard counts them', async () => {
		const { event, organizer, secretariat, th, thFp } = await setup();
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		await registerNominee(
			context,
			delegateValues(th.id, { category: 'head_of_delegation' }),
			submissionKey()
		);
		await uploadLetter(context, { name: 'nv.pdf', bytes: PDF });
		const { delegationBoardExport } =
			await import('../../src/lib/server/exports/delegation-board.ts');
		const file = await delegationBoardExport(secretariat, event);
		const rows = [...(file.rows as Iterable<unknown[]>)];
		expect(rows.map((r) => r[1])).toEqual(['TH', 'VN']);
		expect(rows[0].slice(3, 9)).toEqual([
			'Heads of delegation 1/1; Delegates 0/2',
			'1',
			'1',
			'1',
			expect.stringMatching(/Nguyễn/),
			'Received — to verify'
		]);
		expect(rows[1][8]).toBe('Missing');
		expect(rows[1][11]).toBe('the head of delegation; the nomination letter');
		// An event whose official language is Japanese gets the spreadsheet in Japanese.
		await db()
			.updateTable('events')
			.set({ official_language: 'ja' })
			.where('id', '=', event.id)
			.execute();
		const ja = await delegationBoardExport(secretariat, { ...event, official_language: 'ja' });
		expect(ja.columns.map((c) => c.header).slice(0, 2)).toEqual(['代表団', 'コード']);
		const jaRows = [...(ja.rows as Iterable<unknown[]>)];
		expect(jaRows.map((r) => r[0])).toEqual(['タイ', 'ベトナム']);
		expect(String(jaRows[1][11])).not.toMatch(/[a-z]{3}/);
		const { delegationsPanel } = await import('../../src/lib/server/delegations/board.service.ts');
		expect(await delegationsPanel(organizer, event)).toMatchObject({
			total: 2,
			withFocalPoints: 2,
			complete: 0,
			toVerify: 1,
			letterMissing: 1,
			noHead: 1
		});
	});
});

describe('endorsement by the focal point', () => {
	const sink = useSmtpSink();

	async function endorsementEvent(mode: 'open' | 'approval') {
		const people = await eventWithPeople({
			registration_mode: mode,
			starts_on: '2027-02-16',
			ends_on: '2027-02-18'
		});
		const { event, organizer } = people;
		await db()
			.updateTable('events')
			.set({ endorsement_required: true })
			.where('id', '=', event.id)
			.execute();
		const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		const lonely = await makeDelegation(event.id, 'LA', { name: 'Lao PDR' });
		const fp = await addFocalPoint(organizer, event.id, th.id, {
			name: 'Desk',
			email: `desk-${event.slug}@example.org`,
			organisation: undefined,
			phone: undefined
		});
		const user = (await focalPointEmail(fp.id)).user_id;
		const context = await focalPointFor(await tokenFor(event.id, fp.id), user);
		const registerSelf = (delegationId: number) =>
			registerDelegate({
				eventId: event.id,
				values: delegateValues(delegationId),
				submissionKey: submissionKey()
			});
		return { ...people, th, lonely, fp, context, registerSelf };
	}

	it('holds an official’s own registration for the focal point, then gives the seat (open mode)', async () => {
		const { organizer, th, lonely, fp, context, registerSelf } = await endorsementEvent('open');
		const mine = await registerSelf(th.id);
		expect(mine.status).toBe('pending');
		// A delegation without a focal point is not held.
		expect((await registerSelf(lonely.id)).status).toBe('confirmed');
		const refused = await domainError(
			decideRegistrations(organizer, context.event.id, [mine.registrationId], 'approve')
		);
		expect(refused.message).toBe(
			`${mine.reference} awaits the endorsement of the delegation's focal point.`
		);
		await sink.deliver();
		const asked = sink.messages.find((m) => (m.subject ?? '').startsWith('Endorsement requested'));
		expect(toOf(asked!)).toContain((await focalPointEmail(fp.id)).email);
		expect(asked?.text).toMatch(/\/delegations\/[A-Za-z0-9_-]{30,}/);
		await endorse(context, mine.registrationId, { endorse: true });
		const row = await db()
			.selectFrom('registrations')
			.select(['status', 'endorsement'])
			.where('id', '=', mine.registrationId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'confirmed', endorsement: 'endorsed' });
		const again = await domainError(endorse(context, mine.registrationId, { endorse: true }));
		expect(again.code).toBe('stale');
	});

	it('passes an endorsed registration to the secretariat in approval mode; a declined one is told why', async () => {
		const { organizer, th, context, registerSelf } = await endorsementEvent('approval');
		const first = await registerSelf(th.id);
		const second = await registerSelf(th.id);
		await endorse(context, first.registrationId, { endorse: true });
		const held = await db()
			.selectFrom('registrations')
			.select('status')
			.where('id', '=', first.registrationId)
			.executeTakeFirstOrThrow();
		expect(held.status).toBe('pending');
		await decideRegistrations(organizer, context.event.id, [first.registrationId], 'approve');
		await endorse(context, second.registrationId, {
			endorse: false,
			reason: 'Not a member of our delegation'
		});
		const rows = await db()
			.selectFrom('registrations')
			.select(['id', 'status', 'decline_reason', 'email'])
			.where('id', 'in', [first.registrationId, second.registrationId])
			.orderBy('id')
			.execute();
		expect(rows.map((r) => r.status)).toEqual(['confirmed', 'declined']);
		expect(rows[1].decline_reason).toBe('Not a member of our delegation');
		await sink.deliver();
		const told = sink.messages.filter((m) => toOf(m).includes(rows[1].email));
		expect(told.map((m) => m.text?.includes('Not a member of our delegation'))).toContain(true);
		// Both decisions are recorded under the focal point who took them.
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id'])
			.where('entity_type', '=', 'registration')
			.where('entity_id', '=', String(second.registrationId))
			.where('action', 'in', ['registration.decline', 'registration.not_endorsed'])
			.orderBy('action')
			.execute();
		expect(audit).toEqual([
			{ action: 'registration.decline', actor_user_id: context.focalPoint.user_id },
			{ action: 'registration.not_endorsed', actor_user_id: context.focalPoint.user_id }
		]);
	});
});

describe('focal points from a CSV file', () => {
	it('previews every fault of every row, then adds only the valid rows', async () => {
		const { event, organizer, suffix } = await setup();
		const { previewFocalPoints, importFocalPoints } =
			await import('../../src/lib/server/delegations/focal-point-import.ts');
		const csv = [
			'Country;Full name;E-mail;Organization;Telephone',
			`TH;Ms. Kanya Somboon;kanya-${suffix}@mfa.go.th.example;MFA;+66 2 203 5000`,
			`Viet Nam;Mr. Le Van An;an-${suffix}@mofa.gov.vn.example;;`,
			`XX;Nobody;nobody-${suffix}@example.org;;`,
			`TH;;not-an-address;;`,
			`th;Ms. Kanya Somboon;kanya-${suffix}@mfa.go.th.example;;`
		].join('\n');
		const bytes = new TextEncoder().encode(csv);
		const preview = await previewFocalPoints(organizer, event.id, bytes);
		expect(preview.valid).toBe(2);
		expect(preview.rows.map((r) => [r.row, r.problems])).toEqual([
			[2, []],
			[3, []],
			[4, ['Delegation "XX" is not one of the event\'s delegations']],
			[5, ['Name is required', 'Enter an e-mail address like name@ministry.go.jp']],
			[6, ['Already a focal point of this delegation (in the event or earlier in the file)']]
		]);
		expect(
			await db().selectFrom('focal_points').select('id').where('event_id', '=', event.id).execute()
		).toHaveLength(2);
		expect(await importFocalPoints(organizer, event.id, bytes)).toEqual({ added: 2, leftOut: 3 });
		const names = await db()
			.selectFrom('focal_points')
			.select('name')
			.where('event_id', '=', event.id)
			.orderBy('id')
			.execute();
		expect(names.map((n) => n.name)).toEqual([
			'Somchai Prasert',
			'Tran Van Binh',
			'Ms. Kanya Somboon',
			'Mr. Le Van An'
		]);
	});
});

describe('visa letters and focal points', () => {
	it('tells the focal point of the delegation when a visa letter is issued, without passport data', async () => {
		const { event, organizer, th, thFp } = await setup();
		const { encryptVisaData } = await import('../../src/lib/server/privacy/pii.ts');
		const { issueDocuments, requestVisaLetter } =
			await import('../../src/lib/server/documents/document.service.ts');
		const fp = await focalPointEmail(thFp.id);
		const context = await focalPointFor(await tokenFor(event.id, thFp.id), fp.user_id);
		const registered = await registerNominee(context, delegateValues(th.id), submissionKey());
		const holder = await db()
			.updateTable('registrations')
			.set({
				visa_data_enc: encryptVisaData({
					passportNumber: 'N7654321',
					passportExpiry: '2031-01-01',
					dateOfBirth: '1980-01-01'
				})
			})
			.where('id', '=', registered.registrationId)
			.returningAll()
			.executeTakeFirstOrThrow();
		const fresh = await db()
			.updateTable('events')
			.set({ collect_visa_support: true })
			.where('id', '=', event.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		const documentId = await requestVisaLetter(delegateActor(holder.user_id), holder, fresh);
		await issueDocuments(organizer, event.id, [documentId]);
		const told = await db()
			.selectFrom('emails')
			.select(['subject', 'text_body', 'links_enc'])
			.where('recipient', '=', fp.email)
			.where('template', '=', 'document.visa_letter.focal_point')
			.execute();
		expect(told).toHaveLength(1);
		expect(told[0].subject).toMatch(/^Visa support letter .*\/VISA\/001 issued/);
		expect(textAsSent(told[0])).not.toContain('N7654321');
	});
});

describe('a focal point’s language', () => {
	/** The outbox rows to an address with one template, oldest first, their links revealed. */
	async function mailsTo(email: string, template: string) {
		const rows = await db()
			.selectFrom('emails')
			.select(['subject', 'text_body', 'html_body', 'links_enc'])
			.where('recipient', '=', email)
			.where('template', '=', template)
			.orderBy('id')
			.execute();
		return rows.map((r) => ({ subject: r.subject, text: textAsSent(r), html: r.html_body }));
	}

	it('is the one of the page they acted on: their next mails are in Japanese, others stay English', async () => {
		const { event, organizer, thFp, vnFp, suffix } = await setup();
		await setNominationSettings(organizer, event.id, {
			deadline: new Date('2027-01-15T08:00:00Z'),
			reminderDays: 7
		});
		await sendCall(organizer, event.id, 'all');
		const fp = await focalPointEmail(thFp.id);
		expect((await mailsTo(fp.email, 'nomination_call'))[0].subject).toBe(
			`Call for nominations: ${event.title}`
		);

		// The focal point nominates on the Japanese page.
		const token = await linkMailedTo(fp.email);
		const locals = { ...(await localsFor(fp.user_id, 'email_link')), locale: 'ja' as const };
		const nominee = `anong-ja-${suffix}@example.org`;
		const result = await pageActions.nominate(
			routeEvent({
				locals,
				path: `/ja/delegations/${token}?/nominate`,
				params: { token },
				form: {
					givenName: 'Anong',
					familyName: 'Srisuk',
					email: nominee,
					position: 'Director',
					category: 'delegate'
				}
			}) as never
		);
		expect(result).toMatchObject({ form: 'nominate', ok: true });
		const language = await db()
			.selectFrom('focal_points')
			.select('language')
			.where('id', 'in', [thFp.id, vnFp.id])
			.orderBy('id')
			.execute();
		expect(language.map((r) => r.language)).toEqual(['ja', 'en']);

		// The acknowledgement of the nomination, to the focal point, in Japanese.
		const [received] = await mailsTo(fp.email, 'nomination_received');
		expect(received.subject).toBe(`【推薦受付】SRISUK Anong 様 — ${event.title}`);
		expect(received.text).toMatch(/^Somchai Prasert 様\n/);
		expect(received.text).toContain('タイ代表団への SRISUK Anong 様 のご推薦を承りました。');
		expect(received.text).toContain('お問い合わせ:');
		expect(received.text).not.toContain('Dear');
		expect(received.html).toContain('<html lang="ja">');
		// The invitation to the nominee, whose language nobody knows, stays English.
		const [invitation] = await mailsTo(nominee, 'invitation');
		expect(invitation.subject).toBe(`Invitation: ${event.title}`);

		// The organizers' reminder: Japanese to this focal point, English to the one who never acted.
		expect(await remindUnfinished(organizer, event.id)).toBe(2);
		const [reminder] = await mailsTo(fp.email, 'nomination_reminder');
		expect(reminder.subject).toBe(`【督促】${event.title}の代表団員の推薦について`);
		expect(reminder.text).toContain('貴代表団の人数枠: 代表団長 1名、代表団員 2名');
		expect(reminder.text).toContain('代表団員の推薦(2名中1名)');
		expect(reminder.text).toContain('推薦状の提出');
		expect(reminder.text).toContain('2027年1月15日');
		expect(reminder.text).toContain('17:00 東京時間 (UTC+9)までにご推薦ください。');
		expect(reminder.text).toContain('代表団のページを開く: ');
		expect(reminder.text).toMatch(/\/delegations\/[A-Za-z0-9_-]{30,}/);
		const other = await focalPointEmail(vnFp.id);
		const [english] = await mailsTo(other.email, 'nomination_reminder');
		expect(english.subject).toBe(`Reminder: nominations for ${event.title}`);
		expect(english.text).toMatch(/^Dear Tran Van Binh,\n/);
	});

	it('names the event and the delegation in their language: as written, else the country’s name', async () => {
		const { event, organizer, vn, thFp, vnFp } = await setup();
		const ja = { title: '第六回高級実務者会合', venue: '三田共用会議所', city: '東京' };
		await sql`update events set translations = ${JSON.stringify({ ja })}::jsonb where id = ${event.id}`.execute(
			db()
		);
		await sql`update delegations set translations = '{"ja":{"name":"ベトナム社会主義共和国"}}'::jsonb where id = ${vn.id}`.execute(
			db()
		);
		await db()
			.updateTable('focal_points')
			.set({ language: 'ja' })
			.where('id', 'in', [thFp.id, vnFp.id])
			.execute();
		await sendCall(organizer, event.id, 'all');

		// Thailand has no name written in Japanese: the country's Japanese name.
		const th = await focalPointEmail(thFp.id);
		const [thCall] = await mailsTo(th.email, 'nomination_call');
		expect(thCall.subject).toBe(`【推薦依頼】${ja.title}`);
		expect(thCall.text).toContain(`${ja.title}の主催者より、タイ代表団の窓口担当者として`);
		expect(thCall.text).toContain('三田共用会議所');
		expect(thCall.text).toContain('東京');
		expect(thCall.html).toContain(ja.title);
		expect(`${thCall.subject}\n${thCall.text}\n${thCall.html}`).not.toMatch(
			new RegExp(`${event.title}|Thailand`)
		);
		// Viet Nam's name as the organizers wrote it in Japanese.
		const vnAddress = (await focalPointEmail(vnFp.id)).email;
		const [vnCall] = await mailsTo(vnAddress, 'nomination_call');
		expect(vnCall.text).toContain(`${ja.title}の主催者より、ベトナム社会主義共和国代表団の`);
		expect(vnCall.text).not.toContain('Viet Nam');

		// A focal point who reads English gets the English title and name.
		await db()
			.updateTable('focal_points')
			.set({ language: 'en' })
			.where('id', '=', vnFp.id)
			.execute();
		await remindUnfinished(organizer, event.id);
		const [english] = await mailsTo(vnAddress, 'nomination_reminder');
		expect(english.subject).toBe(`Reminder: nominations for ${event.title}`);
		expect(english.text).toContain(`nominations of Viet Nam for the ${event.title}`);
		expect(english.text).not.toMatch(/ベトナム|第六回|東京/);
		const [japanese] = await mailsTo(th.email, 'nomination_reminder');
		expect(japanese.text).toContain(`${ja.title}へのタイ代表団の推薦`);
	});
});
