import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor.ts';
import { advanceClock, setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	acceptInvitation,
	viewInvitation
} from '../../src/lib/server/invitations/invitation-response.service.ts';
import {
	inviteOne,
	revokeInvitation
} from '../../src/lib/server/invitations/invitation.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { actions as publicRegister } from '../../src/routes/events/[slug]/register/+page.server.ts';
import { inviteePage } from '../../src/routes/invitations/[token]/invitee-page.ts';
import { actions } from '../../src/routes/invitations/[token]/register/+page.server.ts';
import {
	addEventStaff,
	invitationInput,
	makeDelegation,
	makeEvent,
	makeStaff
} from '../helpers/factories.ts';
import { textAsSent } from '../helpers/outbox.ts';
import { ANONYMOUS, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Accepting an invitation = registering through it, in one transaction; invitation-only
// events take no other registration.

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

async function setup(mode: 'invitation' | 'approval' | 'open' = 'invitation') {
	const staff = await makeStaff();
	const event = await makeEvent({
		registration_mode: mode,
		starts_on: '2027-02-16',
		ends_on: '2027-02-18'
	});
	await addEventStaff(event.id, staff.id, 'organizer');
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const actor = { id: staff.id, name: staff.display_name, staff: true, admin: false };
	return { event, th, actor };
}

async function invite(eventId: number, actor: Actor, email: string) {
	const { id } = await inviteOne(
		actor,
		eventId,
		invitationInput(email, { category: 'head_of_delegation' }),
		{ send: true }
	);
	const mail = await db()
		.selectFrom('emails')
		.select(['text_body', 'links_enc'])
		.where('recipient', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	return { id, token: /\/invitations\/([a-z2-7]+)/.exec(textAsSent(mail))![1] };
}

const registrationsOf = (eventId: number) =>
	db().selectFrom('registrations').selectAll().where('event_id', '=', eventId).execute();

/** Calls the register action as a POST from a browser would. */
async function postRegister(token: string, fields: Record<string, string>) {
	const event = routeEvent({
		locals: ANONYMOUS,
		path: `/invitations/${token}/register`,
		params: { token },
		form: fields,
		ip: '198.51.100.20'
	});
	try {
		return { result: await actions.default(event) };
	} catch (thrown) {
		if (isRedirect(thrown)) return { redirect: thrown.location };
		throw thrown;
	}
}

const formFields = (
	delegationId: number,
	key = submissionKey()
		.replace(/[^a-z2-7]/g, 'a')
		.padEnd(20, 'a')
) => ({
	submissionKey: key,
	honorific: 'Mr.',
	givenName: 'Somchai',
	familyName: 'Jaidee',
	position: 'Director',
	organisation: 'MSDHS',
	delegationId: String(delegationId),
	category: 'head_of_delegation',
	email: 'someone.else@example.org',
	emailConfirmation: 'someone.else@example.org',
	phone: '+66 2 123 4567',
	dietary: 'none',
	consentDataProcessing: 'on'
});

describe('invitation-only events', () => {
	it('refuse a registration without an invitation', async () => {
		const { event, th } = await setup();
		const error = await failure(
			registerDelegate({
				eventId: event.id,
				values: delegateValues(th.id),
				submissionKey: submissionKey()
			})
		);
		expect(error.code).toBe('forbidden');
		expect(error.message).toMatch(/by invitation only/);
		expect(await registrationsOf(event.id)).toEqual([]);
	});

	it('register through the invitation and mark it accepted in the same transaction', async () => {
		const { event, th, actor } = await setup();
		const { id, token } = await invite(event.id, actor, 'somchai@example.go.th');
		const result = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id, { email: 'somchai@example.go.th' }),
			submissionKey: submissionKey(),
			invitationId: id,
			onRegistered: acceptInvitation(id)
		});
		expect(result.status).toBe('confirmed');
		const invitation = await db()
			.selectFrom('invitations')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect([invitation.status, invitation.registration_id]).toEqual([
			'accepted',
			result.registrationId
		]);
		const view = await viewInvitation(token);
		expect(view.state).toBe('accepted');
		expect(view.state !== 'unknown' && view.invitation.registration_reference).toBe(
			result.reference
		);
		// Used: a second registration through it is refused and leaves nothing behind.
		await failure(
			registerDelegate({
				eventId: event.id,
				values: delegateValues(th.id, { email: 'other@example.go.th' }),
				submissionKey: submissionKey(),
				invitationId: id,
				onRegistered: acceptInvitation(id)
			})
		);
		expect(await registrationsOf(event.id)).toHaveLength(1);
	});

	it('roll the registration back when the invitation expired or was revoked meanwhile', async () => {
		setNow(new Date('2026-10-01T00:00:00Z'));
		const { event, th, actor } = await setup();
		const late = await invite(event.id, actor, 'late@example.go.th');
		const revoked = await invite(event.id, actor, 'revoked@example.go.th');
		await revokeInvitation(actor, event.id, revoked.id);
		advanceClock(40 * 86_400_000);
		for (const [invitation, email] of [
			[late, 'late@example.go.th'],
			[revoked, 'revoked@example.go.th']
		] as const) {
			await failure(
				registerDelegate({
					eventId: event.id,
					values: delegateValues(th.id, { email }),
					submissionKey: submissionKey(),
					invitationId: invitation.id,
					onRegistered: acceptInvitation(invitation.id)
				})
			);
		}
		expect(await registrationsOf(event.id)).toEqual([]);
		const mails = await db()
			.selectFrom('emails')
			.select('template')
			.where('event_id', '=', event.id)
			.execute();
		expect(mails.map((m) => m.template)).toEqual(['invitation', 'invitation']);
		setNow(undefined);
	});
});

describe('the public register action', () => {
	it('refuses a direct POST for an invitation-only event', async () => {
		const { event, th } = await setup();
		const result = await publicRegister.default(
			routeEvent({
				locals: ANONYMOUS,
				path: `/events/${event.slug}/register`,
				params: { slug: event.slug },
				form: {
					...formFields(th.id),
					email: 'uninvited@example.org',
					emailConfirmation: 'uninvited@example.org'
				},
				ip: '198.51.100.21'
			})
		);
		expect(result).toMatchObject({
			status: 403,
			data: { message: expect.stringMatching(/by invitation only/) }
		});
		expect(await registrationsOf(event.id)).toEqual([]);
	});
});

describe('the register action of an invitation link', () => {
	it('refuses a direct POST without a valid invitation', async () => {
		const { event, th } = await setup();
		const bogus = 'a'.repeat(32);
		const response = await postRegister(bogus, formFields(th.id));
		expect(response.redirect).toBe(`/invitations/${bogus}`);
		expect(await registrationsOf(event.id)).toEqual([]);
	});

	it('registers with the invitation’s e-mail whatever the form says, then shows the reference', async () => {
		const { event, th, actor } = await setup('approval');
		const { token } = await invite(event.id, actor, 'somchai@example.go.th');
		const response = await postRegister(token, formFields(th.id));
		expect(response.redirect).toBe(`/invitations/${token}`);
		const [registration] = await registrationsOf(event.id);
		expect([registration.email, registration.status]).toEqual(['somchai@example.go.th', 'pending']);
		const view = await viewInvitation(token);
		expect(view.state).toBe('accepted');
		// The page after registering says it awaits review, not that the person is registered.
		const page = inviteePage(view);
		expect(page.state === 'accepted' && page.invitation.registrationStatus).toBe('pending');
		// The same page in Japanese: delegation, category and country in Japanese.
		const ja = inviteePage(view, 'ja');
		expect(ja.state === 'accepted' && ja.invitation.delegation).toBe('タイ');
		expect(ja.state === 'accepted' && ja.invitation.category).toMatch(/[^ -~]/);
		expect(ja.state === 'accepted' && ja.event.country).toMatch(/[^ -~]|^$/);
		// The same form posted again (a double click) creates nothing more.
		const again = await postRegister(token, formFields(th.id));
		expect(again.redirect).toBe(`/invitations/${token}`);
		expect(await registrationsOf(event.id)).toHaveLength(1);
	});
});

describe('the two register pages', () => {
	it('answer a form the same way: a form without its key is refused, values kept, with a new key', async () => {
		const { event, th, actor } = await setup('open');
		const { token } = await invite(event.id, actor, 'key@example.go.th');
		const fields = { ...formFields(th.id), submissionKey: '' };
		const viaInvitation = (await postRegister(token, fields)).result;
		const viaPublicPage = await publicRegister.default(
			routeEvent({
				locals: ANONYMOUS,
				path: `/events/${event.slug}/register`,
				params: { slug: event.slug },
				form: fields
			})
		);
		for (const answer of [viaInvitation, viaPublicPage]) {
			expect(answer).toMatchObject({
				status: 400,
				data: {
					message: expect.stringMatching(/form was incomplete/),
					values: { familyName: 'Jaidee', organisation: 'MSDHS' },
					submissionKey: expect.stringMatching(/^[a-z2-7]{32}$/),
					errors: {},
					alreadyRegistered: false
				}
			});
		}
		expect(await registrationsOf(event.id)).toEqual([]);

		// The same form sent twice (a double click) registers once, on either page.
		const key = 'abcdefghijklmnopqrstuvwxyz234567';
		const once = {
			...formFields(th.id),
			email: 'twice@example.org',
			emailConfirmation: 'twice@example.org',
			submissionKey: key
		};
		for (let i = 0; i < 2; i++) {
			await expect(
				publicRegister.default(
					routeEvent({
						locals: ANONYMOUS,
						path: `/events/${event.slug}/register`,
						params: { slug: event.slug },
						form: once
					})
				)
			).rejects.toMatchObject({ status: 303, location: `/events/${event.slug}/register/done` });
		}
		expect((await registrationsOf(event.id)).map((r) => r.email)).toEqual(['twice@example.org']);
	});
});
