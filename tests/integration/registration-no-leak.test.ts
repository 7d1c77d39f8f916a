import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { actions as publicRegister } from '../../src/routes/events/[slug]/register/+page.server.ts';
import { makeDelegation, makeEvent, makeRegistration } from '../helpers/factories.ts';
import { ANONYMOUS, routeEvent } from '../helpers/request-event.ts';
import { submissionKey } from '../helpers/registration-input.ts';

// A visitor posting the public form of an event that takes no public registration learns
// nothing about who is registered: the answer is the same for an address that is registered
// and one that is not (the window and the invitation are checked before "already registered").

type Setup = Parameters<typeof makeEvent>[0];

const fields = (delegationId: number, email: string) => ({
	submissionKey: submissionKey(),
	honorific: 'Mr.',
	givenName: 'Somchai',
	familyName: 'Jaidee',
	position: 'Director',
	organisation: 'MSDHS',
	delegationId: String(delegationId),
	category: 'delegate',
	email,
	emailConfirmation: email,
	phone: '+66 2 123 4567',
	dietary: 'none',
	consentDataProcessing: 'on'
});

let ip = 10;

/** The status and message the public register action answers for an address. */
async function answerFor(event: { slug: string }, delegationId: number, email: string) {
	const result = (await publicRegister.default(
		routeEvent({
			locals: ANONYMOUS,
			path: `/events/${event.slug}/register`,
			params: { slug: event.slug },
			form: fields(delegationId, email),
			ip: `198.51.100.${ip++}`
		})
	)) as { status: number; data: Record<string, unknown> };
	const { status, data } = result;
	return { status, message: data.message, errors: data.errors, already: data.alreadyRegistered };
}

const cases: Array<[string, Setup]> = [
	['invitation only', { registration_mode: 'invitation' }],
	['archived', { status: 'archived' }],
	['closed by the organisers', { status: 'closed' }],
	['cancelled', { status: 'cancelled' }],
	['past its closing time', { registration_closes_at: new Date(Date.now() - 3_600_000) }],
	['not yet open', { registration_opens_at: new Date(Date.now() + 86_400_000) }]
];

describe('the public register action of an event that takes no public registration', () => {
	for (const [what, overrides] of cases) {
		it(`answers the same for a registered and an unknown address (${what})`, async () => {
			const event = await makeEvent(overrides);
			const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
			const registered = await makeRegistration(event, th, { email: 'anan.c@msdhs.example' });
			const known = await answerFor(event, th.id, registered.email);
			const unknown = await answerFor(event, th.id, 'nobody.here@msdhs.example');
			expect(known).toEqual(unknown);
			expect(known.already).toBe(false);
			expect(String(known.message)).not.toMatch(/already registered/);
			const count = await db()
				.selectFrom('registrations')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.where('event_id', '=', event.id)
				.executeTakeFirstOrThrow();
			expect(Number(count.n)).toBe(1);
		});
	}

	it('still tells a person on an open event that the address is registered', async () => {
		const event = await makeEvent();
		const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		const registered = await makeRegistration(event, th);
		const known = await answerFor(event, th.id, registered.email);
		expect(known.status).toBe(409);
		expect(known.already).toBe(true);
	});
});
