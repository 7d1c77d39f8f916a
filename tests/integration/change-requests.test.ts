import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { inviteOne } from '../../src/lib/server/invitations/invitation.service.ts';
import {
	findRegistrationByReference,
	registerDelegate,
	updateRegistration
} from '../../src/lib/server/registrations/registration.service.ts';
import * as invitationRegister from '../../src/routes/invitations/[token]/register/+page.server.ts';
import * as staffPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/+page.server.ts';
import * as editPage from '../../src/routes/me/registrations/[reference]/edit/+page.server.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { invitationInput, makeDelegation } from '../helpers/factories.ts';
import { outcome } from '../helpers/hostile.ts';
import { textAsSent } from '../helpers/outbox.ts';
import { formFields, newSubmissionKey } from '../helpers/registration-form.ts';
import { ANONYMOUS, routeEvent, localsFor } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// After confirmation, a delegate's new delegation or category is a request: an organizer
// approves it (the quota re-checked under the event lock) or refuses it; the delegate is told.

async function confirmedDelegate() {
	const people = await eventWithPeople({ registration_mode: 'open' });
	const th = await makeDelegation(people.event.id, 'TH', { name: 'Thailand', quota: 3 });
	const vn = await makeDelegation(people.event.id, 'VN', { name: 'Viet Nam', quota: 1 });
	const reg = await registerDelegate({
		eventId: people.event.id,
		values: delegateValues(th.id),
		submissionKey: submissionKey()
	});
	expect(reg.status).toBe('confirmed');
	const { registration } = (await findRegistrationByReference(reg.reference))!;
	const locals = await localsFor(registration.user_id, 'email_link');
	return { ...people, th, vn, reg, registration, locals };
}

async function editAsDelegate(
	locals: App.Locals,
	reference: string,
	changes: Record<string, string>
) {
	const path = `/me/registrations/${reference}/edit`;
	const loaded = await outcome(() =>
		editPage.load(routeEvent({ locals, path, params: { reference } }))
	);
	const form = {
		...(loaded.data!.values as Record<string, string>),
		version: String(loaded.data!.version),
		...changes
	};
	return outcome(() =>
		editPage.actions.default(routeEvent({ locals, path, params: { reference }, form }))
	);
}

function staffAction(
	name: 'approveChange' | 'refuseChange',
	who: { locals: App.Locals },
	slug: string,
	reference: string,
	form: Record<string, string> = {}
) {
	return outcome(() =>
		staffPage.actions[name](
			routeEvent({
				locals: who.locals,
				path: `/admin/events/${slug}/registrations/${reference}?/${name}`,
				params: { slug, reference },
				form
			})
		)
	);
}

const seats = (eventId: number) =>
	db()
		.selectFrom('delegations')
		.select(['code', 'seats_taken'])
		.where('event_id', '=', eventId)
		.orderBy('code')
		.execute();

const mailsOf = (registrationId: number, template: string) =>
	db()
		.selectFrom('emails')
		.select(['recipient', 'subject', 'text_body'])
		.where('registration_id', '=', registrationId)
		.where('template', '=', template)
		.execute();

describe('a confirmed delegate asks for another delegation or category', () => {
	it('saves the other fields at once and makes the delegation a request; approval re-checks the quota', async () => {
		const { event, organizer, th, vn, reg, locals } = await confirmedDelegate();
		// Viet Nam's one seat is taken by someone else.
		const other = await registerDelegate({
			eventId: event.id,
			values: delegateValues(vn.id),
			submissionKey: submissionKey()
		});

		const saved = await editAsDelegate(locals, reg.reference, {
			delegationId: String(vn.id),
			category: 'observer',
			position: 'Deputy Director'
		});
		expect(saved).toMatchObject({
			kind: 'redirect',
			location: `/me/registrations/${reg.reference}/edit?requested=1`
		});
		let row = (await findRegistrationByReference(reg.reference))!.registration;
		expect(row).toMatchObject({
			position: 'Deputy Director',
			delegation_id: th.id,
			category: 'delegate',
			status: 'confirmed'
		});
		const shown = await outcome(() =>
			editPage.load(
				routeEvent({
					locals,
					path: `/me/registrations/${reg.reference}/edit?requested=1`,
					params: { reference: reg.reference }
				})
			)
		);
		expect(shown.data).toMatchObject({
			requested: true,
			changeRequest: { delegation: 'Viet Nam', category: 'Observer' }
		});

		// The quota is full: approval is refused under the lock, nothing moves.
		const refused = await staffAction('approveChange', organizer, event.slug, reg.reference);
		expect(refused.status).toBe(409);
		// Beside the delegation it names; the page shows it in the request's box.
		expect(refused.data!.errors).toEqual({
			delegationId: expect.stringMatching(/Viet Nam has no free seat in its quota \(1 of 1/)
		});
		expect(await seats(event.id)).toEqual([
			{ code: 'TH', seats_taken: 1 },
			{ code: 'VN', seats_taken: 1 }
		]);

		// A seat frees up; now the approval moves the seat.
		await db()
			.updateTable('registrations')
			.set({ status: 'cancelled' })
			.where('id', '=', other.registrationId)
			.execute();
		await db().updateTable('delegations').set({ seats_taken: 0 }).where('id', '=', vn.id).execute();
		const approved = await staffAction('approveChange', organizer, event.slug, reg.reference);
		expect(approved.data).toMatchObject({
			action: 'change',
			done: expect.stringMatching(/approved/)
		});
		row = (await findRegistrationByReference(reg.reference))!.registration;
		expect(row).toMatchObject({ delegation_id: vn.id, category: 'observer', status: 'confirmed' });
		expect(await seats(event.id)).toEqual([
			{ code: 'TH', seats_taken: 0 },
			{ code: 'VN', seats_taken: 1 }
		]);

		const trail = await db()
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id', 'diff'])
			.where('entity_type', '=', 'registration')
			.where('entity_id', '=', String(reg.registrationId))
			.where('action', 'like', 'registration.change_%')
			.orderBy('id')
			.execute();
		expect(trail).toEqual([
			{
				action: 'registration.change_request',
				actor_user_id: row.user_id,
				diff: {
					delegation: { from: 'Thailand', to: 'Viet Nam' },
					category: { from: 'delegate', to: 'observer' }
				}
			},
			{
				action: 'registration.change_approve',
				actor_user_id: organizer.id,
				diff: {
					delegation: { from: 'Thailand', to: 'Viet Nam' },
					category: { from: 'delegate', to: 'observer' }
				}
			}
		]);
		const [mail] = await mailsOf(reg.registrationId, 'registration-change-approved');
		expect(mail.recipient).toBe(row.email);
		expect(mail.text_body).toContain('Delegation: Viet Nam');

		// Decided once.
		const again = await staffAction('approveChange', organizer, event.slug, reg.reference);
		expect(again.status).toBe(409);
	});

	it('is refused by an organizer with a reason, and the delegate is told; the secretariat cannot decide', async () => {
		const { event, organizer, secretariat, vn, reg, locals } = await confirmedDelegate();
		await editAsDelegate(locals, reg.reference, { delegationId: String(vn.id) });
		const bySecretariat = await staffAction('refuseChange', secretariat, event.slug, reg.reference);
		expect(bySecretariat.status).toBe(403);
		const refused = await staffAction('refuseChange', organizer, event.slug, reg.reference, {
			reason: 'Viet Nam’s delegation list is final.'
		});
		expect(refused.data).toMatchObject({ done: expect.stringMatching(/refused/) });
		const row = (await findRegistrationByReference(reg.reference))!.registration;
		expect(row.delegation_id).not.toBe(vn.id);
		const [mail] = await mailsOf(reg.registrationId, 'registration-change-refused');
		expect(mail.text_body).toContain('Their reason: Viet Nam’s delegation list is final.');
	});

	it('lets a delegate whose registration is not confirmed yet change the delegation directly', async () => {
		const people = await eventWithPeople({ registration_mode: 'approval' });
		const th = await makeDelegation(people.event.id, 'TH', { name: 'Thailand' });
		const vn = await makeDelegation(people.event.id, 'VN', { name: 'Viet Nam' });
		const reg = await registerDelegate({
			eventId: people.event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		const { registration } = (await findRegistrationByReference(reg.reference))!;
		const locals = await localsFor(registration.user_id, 'email_link');
		const saved = await editAsDelegate(locals, reg.reference, { delegationId: String(vn.id) });
		expect(saved.location).toBe(`/me/registrations/${reg.reference}?saved=1`);
		const row = (await findRegistrationByReference(reg.reference))!.registration;
		expect(row.delegation_id).toBe(vn.id);
	});
});

describe('invited people', () => {
	/** Somchai, invited into Thailand's delegation as a delegate, registers through the link — asking for more. */
	async function invitedDelegate(mode: 'approval' | 'invitation') {
		const people = await eventWithPeople({ registration_mode: mode });
		const th = await makeDelegation(people.event.id, 'TH', { name: 'Thailand', quota: 3 });
		const jp = await makeDelegation(people.event.id, 'JP', { name: 'Japan', quota: 3 });
		const email = `somchai-${Date.now()}@msdhs.example`;
		await inviteOne(people.organizer, people.event.id, invitationInput(email), { send: true });
		const mail = await db()
			.selectFrom('emails')
			.select(['text_body', 'links_enc'])
			.where('recipient', '=', email)
			.executeTakeFirstOrThrow();
		const token = /\/invitations\/([a-z2-7]+)/.exec(textAsSent(mail))![1];
		const form = {
			...formFields({ key: newSubmissionKey(), email, familyName: 'Jaidee', delegationId: '' }),
			delegationId: String(jp.id),
			category: 'head_of_delegation'
		};
		const path = `/invitations/${token}/register`;
		const posted = await outcome(() =>
			invitationRegister.actions.default(
				routeEvent({ locals: ANONYMOUS, path, params: { token }, form })
			)
		);
		expect(posted.kind).toBe('redirect');
		const row = await db()
			.selectFrom('registrations')
			.selectAll()
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		const locals = await localsFor(row.user_id, 'email_link');
		return { ...people, th, jp, row, locals };
	}

	it('register in the delegation and category of their invitation, whatever the form says', async () => {
		const { row, th } = await invitedDelegate('invitation');
		expect([row.delegation_id, row.category]).toEqual([th.id, 'delegate']);
	});

	it('cannot move themselves to another delegation or category before being confirmed: it is a request', async () => {
		const { row, th, jp, locals, event } = await invitedDelegate('approval');
		expect(row.status).toBe('pending');
		const saved = await editAsDelegate(locals, row.reference, {
			delegationId: String(jp.id),
			category: 'head_of_delegation',
			position: 'Deputy Director'
		});
		expect(saved).toMatchObject({ kind: 'redirect' });
		expect((saved as { location: string }).location).toMatch(/requested=1/);
		// The other fields are saved; delegation and category wait for the organisers.
		const [after, request] = await Promise.all([
			db()
				.selectFrom('registrations')
				.select(['delegation_id', 'category', 'position'])
				.where('id', '=', row.id)
				.executeTakeFirstOrThrow(),
			db()
				.selectFrom('registration_change_requests')
				.select(['delegation_id', 'category', 'status'])
				.where('registration_id', '=', row.id)
				.executeTakeFirstOrThrow()
		]);
		expect([after, request]).toEqual([
			{ delegation_id: th.id, category: 'delegate', position: 'Deputy Director' },
			{ delegation_id: jp.id, category: 'head_of_delegation', status: 'open' }
		]);
		expect(await seats(event.id)).toEqual([
			{ code: 'JP', seats_taken: 0 },
			{ code: 'TH', seats_taken: 0 }
		]);
		// The page says why, before the person tries.
		const page = await outcome(() =>
			editPage.load(
				routeEvent({
					locals,
					path: `/me/registrations/${row.reference}/edit`,
					params: { reference: row.reference }
				})
			)
		);
		expect(page.data!.fixed).toEqual({ delegation: true, category: true });
	});

	it('are refused by the update service itself when they change delegation without asking', async () => {
		const { row, jp } = await invitedDelegate('approval');
		const values = { ...delegateValues(jp.id), email: row.email };
		const refused = await updateRegistration(
			{ id: row.user_id, name: 'Somchai', staff: false, admin: false },
			row.id,
			row.version,
			values
		).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect((refused as DomainError).code).toBe('conflict');
	});
});
