import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { documentsOverview } from '../../src/lib/server/documents/document-access.service.ts';
import { issueDocuments, voidDocument } from '../../src/lib/server/documents/document.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import * as registerPage from '../../src/routes/events/[slug]/register/+page.server.ts';
import * as nomineePage from '../../src/routes/delegations/[token]/register/+page.server.ts';
import * as delegationPage from '../../src/routes/delegations/[token]/+page.server.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { makeDelegation } from '../helpers/factories.ts';
import { signedInFocalPoint } from '../helpers/focal-point.ts';
import { outcome } from '../helpers/hostile.ts';
import { ANONYMOUS, randomIp, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// A visa support letter asked for with the registration (the public form, the focal point's
// register-a-nominee form) or by the focal point for a registered member: the request is
// recorded with the registration, lands in the secretariat's queue, and the delegation page shows
// each member's letter as asked for, issued or withdrawn. Odd input never fails a registration.

const PASSPORT = {
	passportNumber: 'C7654321',
	passportExpiry: '2035-05-20',
	dateOfBirth: '1975-08-14'
};

let n = 0;
function form(delegationId: number, extra: Record<string, string> = {}) {
	const email = `visa-${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`;
	return {
		honorific: 'Ms.',
		givenName: 'Thị Minh Khai',
		familyName: 'Nguyễn',
		position: 'Director',
		organisation: 'Ministry of Labour',
		delegationId: String(delegationId),
		category: 'delegate',
		email,
		emailConfirmation: email,
		phone: '+84 24 3826 9534',
		nationality: 'VN',
		dietary: 'none',
		consentDataProcessing: 'on',
		submissionKey: submissionKey(),
		...PASSPORT,
		...extra
	};
}

async function setup(collect = true) {
	const people = await eventWithPeople({
		registration_mode: 'open',
		collect_visa_support: collect,
		code: `VR${Math.random().toString(36).slice(2, 6).toUpperCase()}`
	});
	const vn = await makeDelegation(people.event.id, 'VN', { name: 'Viet Nam' });
	return { ...people, vn };
}

function register(slug: string, values: Record<string, string>) {
	return outcome(() =>
		registerPage.actions.default(
			routeEvent({
				locals: ANONYMOUS,
				path: `/events/${slug}/register`,
				params: { slug },
				form: values,
				ip: randomIp()
			})
		)
	);
}

async function lettersOf(email: string) {
	return db()
		.selectFrom('documents as doc')
		.innerJoin('registrations as r', 'r.id', 'doc.registration_id')
		.select(['doc.id', 'doc.status', 'doc.kind', 'doc.requested_by', 'r.user_id', 'r.reference'])
		.where('r.email', '=', email)
		.execute();
}

describe('a visa support letter asked for on the registration form', () => {
	it('is recorded with the registration and shows in the secretariat’s queue', async () => {
		const s = await setup();
		const values = form(s.vn.id, { visaLetter: 'on' });
		const result = await register(s.event.slug, values);
		expect(result.status).toBe(303);
		const [letter] = await lettersOf(values.email);
		expect(letter).toMatchObject({ kind: 'visa_letter', status: 'requested' });
		expect(letter.requested_by).toBe(letter.user_id);

		const queue = await documentsOverview(s.secretariat, s.event);
		expect(queue.visa.map((d) => [d.reference, d.status, d.addressee])).toEqual([
			[letter.reference, 'requested', 'Embassy of Japan in Viet Nam, Hanoi']
		]);
		expect(queue.counts.requested).toBe(1);

		// Audited as asked for on the form, without passport data.
		const audit = await db()
			.selectFrom('audit_log')
			.select('diff')
			.where('entity_type', '=', 'document')
			.where('entity_id', '=', String(letter.id))
			.executeTakeFirstOrThrow();
		expect(audit.diff).toMatchObject({ via: 'registration_form', kind: 'visa_letter' });
		expect(JSON.stringify(audit.diff)).not.toContain(PASSPORT.passportNumber);
	});

	it('records nothing without the box, and registers whatever else the box says', async () => {
		const s = await setup();
		for (const odd of ['', 'off', 'yes please', '0', '<script>', 'on '.repeat(50)]) {
			const values = form(s.vn.id, { visaLetter: odd });
			const result = await register(s.event.slug, values);
			expect(result.status, odd).toBe(303);
			expect(await lettersOf(values.email), odd).toEqual([]);
		}
		const without = form(s.vn.id);
		expect((await register(s.event.slug, without)).status).toBe(303);
		expect(await lettersOf(without.email)).toEqual([]);
	});

	it('is ignored calmly on an event that collects no passport details', async () => {
		const s = await setup(false);
		const values = form(s.vn.id, { visaLetter: 'on' });
		const result = await register(s.event.slug, values);
		expect(result.status).toBe(303);
		expect(await lettersOf(values.email)).toEqual([]);
	});

	it('keeps the ticked box when the form is refused', async () => {
		const s = await setup();
		const values = form(s.vn.id, { visaLetter: 'on', passportNumber: '' });
		const result = await register(s.event.slug, values);
		expect(result.status).toBe(400);
		expect((result.data?.values as Record<string, string>).visaLetter).toBe('on');
		expect(await lettersOf(values.email)).toEqual([]);
	});

	it('is recorded for a person registered in a batch beside others', async () => {
		const s = await setup();
		const plain = delegateValues(s.vn.id, { visa: PASSPORT });
		const asking = delegateValues(s.vn.id, { visa: PASSPORT });
		const [a, b] = await Promise.all([
			registerDelegate({ eventId: s.event.id, values: plain, submissionKey: submissionKey() }),
			registerDelegate({
				eventId: s.event.id,
				values: asking,
				submissionKey: submissionKey(),
				visaLetter: true
			})
		]);
		expect(a.duplicate || b.duplicate).toBe(false);
		expect(await lettersOf(plain.email)).toEqual([]);
		expect(await lettersOf(asking.email)).toMatchObject([{ status: 'requested' }]);
	});
});

describe('the focal point and visa support letters', () => {
	it('asks for one when registering a nominee', async () => {
		const s = await setup();
		const fp = await signedInFocalPoint(
			s.organizer,
			s.event.id,
			s.vn.id,
			`fp-${s.event.code.toLowerCase()}@example.org`
		);
		const values = form(s.vn.id, { visaLetter: 'on' });
		const result = await outcome(() =>
			nomineePage.actions.default(
				routeEvent({
					locals: fp.locals,
					path: `/delegations/${fp.token}/register`,
					params: { token: fp.token },
					form: values
				}) as never
			)
		);
		expect(result.status).toBe(303);
		const [letter] = await lettersOf(values.email);
		expect(letter).toMatchObject({ status: 'requested', requested_by: fp.userId });
	});

	it('asks for one for a registered member and sees it asked for, issued, withdrawn', async () => {
		const s = await setup();
		const fp = await signedInFocalPoint(
			s.organizer,
			s.event.id,
			s.vn.id,
			`fp-${s.event.code.toLowerCase()}@example.org`
		);
		const member = await registerDelegate({
			eventId: s.event.id,
			values: delegateValues(s.vn.id, { visa: PASSPORT }),
			submissionKey: submissionKey()
		});
		const noPassport = await registerDelegate({
			eventId: s.event.id,
			values: delegateValues(s.vn.id),
			submissionKey: submissionKey()
		});
		const other = await makeDelegation(s.event.id, 'TH', { name: 'Thailand' });
		const stranger = await registerDelegate({
			eventId: s.event.id,
			values: delegateValues(other.id, { visa: PASSPORT }),
			submissionKey: submissionKey()
		});
		const ask = (id: number) =>
			outcome(() =>
				delegationPage.actions.visaLetter(
					routeEvent({
						locals: fp.locals,
						path: `/delegations/${fp.token}?/visaLetter`,
						params: { token: fp.token },
						form: { id: String(id) }
					}) as never
				)
			);
		const load = async () => {
			const data = (await delegationPage.load(
				routeEvent({
					locals: fp.locals,
					path: `/delegations/${fp.token}`,
					params: { token: fp.token }
				}) as never
			)) as { page: { people: Array<{ id: number; visaLetter: unknown }> } };
			return new Map(data.page.people.map((p) => [p.id, p.visaLetter]));
		};

		expect((await load()).get(member.registrationId)).toBeNull();
		const asked = await ask(member.registrationId);
		expect(asked.data).toMatchObject({ ok: true });
		expect((await load()).get(member.registrationId)).toEqual({
			status: 'requested',
			number: null
		});

		// Twice, without passport details, or for another delegation: refused in plain words.
		expect((await ask(member.registrationId)).data?.message).toMatch(/already been asked for/);
		expect((await ask(noPassport.registrationId)).data?.message).toMatch(/passport details/);
		const foreign = await ask(stranger.registrationId);
		expect(foreign.status).toBe(404);
		const strangers = await db()
			.selectFrom('documents')
			.select('id')
			.where('registration_id', '=', stranger.registrationId)
			.execute();
		expect(strangers).toEqual([]);

		const [letter] = await db()
			.selectFrom('documents')
			.select('id')
			.where('registration_id', '=', member.registrationId)
			.execute();
		await issueDocuments(s.secretariat, s.event.id, [letter.id]);
		const issued = (await load()).get(member.registrationId) as { status: string; number: string };
		expect(issued).toEqual({ status: 'issued', number: `${s.event.code}/VISA/001` });

		// The delegate and the focal point are both told (the focal point without passport data).
		const mails = await db()
			.selectFrom('emails')
			.select(['recipient', 'template', 'text_body'])
			.where('event_id', '=', s.event.id)
			.where('template', 'like', 'document.visa_letter.%')
			.execute();
		expect(mails.map((m) => m.template).sort()).toEqual([
			'document.visa_letter.focal_point',
			'document.visa_letter.issued'
		]);
		expect(mails.find((m) => m.template.endsWith('focal_point'))?.recipient).toBe(
			`fp-${s.event.code.toLowerCase()}@example.org`
		);
		for (const m of mails) expect(m.text_body).not.toContain(PASSPORT.passportNumber);

		await voidDocument(s.secretariat, s.event.id, letter.id, 'Wrong passport number');
		expect((await load()).get(member.registrationId)).toEqual({
			status: 'void',
			number: `${s.event.code}/VISA/001`
		});
		// A withdrawn letter may be asked for again.
		expect((await ask(member.registrationId)).data).toMatchObject({ ok: true });
		expect((await load()).get(member.registrationId)).toEqual({
			status: 'requested',
			number: null
		});
	});

	it('is refused calmly where the event collects no passport details', async () => {
		const s = await setup(false);
		const fp = await signedInFocalPoint(
			s.organizer,
			s.event.id,
			s.vn.id,
			`fp-${s.event.code.toLowerCase()}@example.org`
		);
		const member = await registerDelegate({
			eventId: s.event.id,
			values: delegateValues(s.vn.id),
			submissionKey: submissionKey()
		});
		const result = await outcome(() =>
			delegationPage.actions.visaLetter(
				routeEvent({
					locals: fp.locals,
					path: `/delegations/${fp.token}?/visaLetter`,
					params: { token: fp.token },
					form: { id: String(member.registrationId) }
				}) as never
			)
		);
		expect(result.status).toBe(400);
		expect(result.data?.message).toMatch(/does not offer visa support letters/);
	});
});
