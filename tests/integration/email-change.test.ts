import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import * as mePage from '../../src/routes/me/+page.server.ts';
import * as confirmPage from '../../src/routes/me/email/[token]/+page.server.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { outcome } from '../helpers/hostile.ts';
import { routeEvent, localsFor } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { useSmtpSink } from '../helpers/outbox.ts';

// A delegate fixes their address on /me: the link goes to the new address, opening it changes
// nothing, pressing its button moves the registrations; the old address is told.

const sink = useSmtpSink();
const deliver = sink.deliver;

async function delegate() {
	const event = await makeEvent({ registration_mode: 'open' });
	const delegation = await makeDelegation(event.id, 'LA', { name: 'Lao PDR' });
	const values = delegateValues(delegation.id);
	const reg = await registerDelegate({ eventId: event.id, values, submissionKey: submissionKey() });
	const row = await db()
		.selectFrom('registrations')
		.select(['id', 'user_id', 'email'])
		.where('id', '=', reg.registrationId)
		.executeTakeFirstOrThrow();
	return { event, delegation, row, locals: await localsFor(row.user_id, 'email_link') };
}

function ask(locals: App.Locals, form: Record<string, string>) {
	return outcome(() =>
		mePage.actions.changeEmail(routeEvent({ locals, path: '/me?/changeEmail', form }))
	);
}

/** The link in the delivered confirmation mail to `address`. */
async function linkSentTo(address: string): Promise<string> {
	await deliver();
	const mail = sink.messages.findLast(
		(m) =>
			m.subject === 'Confirm your new e-mail address for Kaigi' &&
			!Array.isArray(m.to) &&
			m.to?.value[0].address === address
	);
	expect(mail, `a mail to ${address}`).toBeDefined();
	const link = mail!.text!.match(/https?:\/\/\S+\/me\/email\/([A-Za-z0-9_-]+)/);
	expect(link).not.toBeNull();
	return link![1];
}

function confirmEvent(token: string, locals?: App.Locals, form = false) {
	return routeEvent({
		locals: locals ?? { user: null, session: null, unavailable: false },
		path: `/me/email/${token}`,
		params: { token },
		...(form ? { form: {} } : {})
	});
}

describe('changing the e-mail address', () => {
	it('refuses a mistyped second address beside the field, and sends nothing', async () => {
		const { locals } = await delegate();
		const before = await db().selectFrom('emails').select('id').execute();
		const result = await ask(locals, {
			newEmail: 'new.address@example.org',
			newEmailConfirmation: 'new.adress@example.org'
		});
		expect(result.status).toBe(400);
		const errors = result.data!.errors as Record<string, string>;
		expect(errors.newEmailConfirmation).toMatch(/differ/);
		expect(await db().selectFrom('emails').select('id').execute()).toHaveLength(before.length);
	});

	it('is confirmed by the new address: opening the link changes nothing, pressing its button moves the registrations, once', async () => {
		const { row, locals } = await delegate();
		const newEmail = `fixed-${Date.now()}@mol.example`;
		const asked = await ask(locals, { newEmail, newEmailConfirmation: newEmail.toUpperCase() });
		expect(asked.data!.changeEmail).toMatchObject({ sent: newEmail });
		const token = await linkSentTo(newEmail);
		// Stored hashed: the token itself is nowhere in the database.
		const stored = await db().selectFrom('email_changes').select('token_hash').execute();
		expect(stored.every((s) => !Buffer.from(s.token_hash).toString('utf8').includes(token))).toBe(
			true
		);

		// A mail scanner (or the person) opens it twice: still usable, nothing changed.
		for (let i = 0; i < 2; i++) {
			const shown = await outcome(() => confirmPage.load(confirmEvent(token)));
			expect(shown.data).toEqual({ newEmail });
		}
		const untouched = await db()
			.selectFrom('registrations')
			.select('email')
			.where('id', '=', row.id)
			.executeTakeFirstOrThrow();
		expect(untouched.email).toBe(row.email);

		const pressed = await outcome(() =>
			confirmPage.actions.default(confirmEvent(token, locals, true))
		);
		expect(pressed).toMatchObject({
			kind: 'redirect',
			location: '/me?email=changed#email-address'
		});
		const after = await db()
			.selectFrom('registrations')
			.innerJoin('users', 'users.id', 'registrations.user_id')
			.select(['registrations.email', 'users.email as sign_in', 'users.id'])
			.where('registrations.id', '=', row.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ email: newEmail, sign_in: newEmail, id: row.user_id });
		const audit = await db()
			.selectFrom('audit_log')
			.select(['actor_user_id', 'diff'])
			.where('action', '=', 'registration.email_change')
			.where('entity_id', '=', String(row.id))
			.executeTakeFirstOrThrow();
		expect(audit).toEqual({
			actor_user_id: row.user_id,
			diff: { email: { from: row.email, to: newEmail } }
		});

		// The old address is told.
		await deliver();
		const told = sink.messages.find(
			(m) => m.subject === 'Your Kaigi e-mail address was changed' && m.text?.includes(newEmail)
		);
		expect(told).toBeDefined();

		// Used once.
		const again = await outcome(() =>
			confirmPage.actions.default(confirmEvent(token, locals, true))
		);
		expect(again.status).toBe(400);
		expect(again.data!.message).toMatch(/expired or was already used/);
		const gone = await outcome(() => confirmPage.load(confirmEvent(token)));
		expect(gone.data).toEqual({ newEmail: null });
	});

	it('moves the registrations to the person who already signs in with the new address, and signs the browser in as them', async () => {
		const { row, locals } = await delegate();
		const other = await delegate();
		const asked = await ask(locals, {
			newEmail: other.row.email,
			newEmailConfirmation: other.row.email
		});
		expect(asked.data!.changeEmail).toMatchObject({ sent: other.row.email });
		const token = await linkSentTo(other.row.email);
		const event = confirmEvent(token, locals, true) as { cookies: { jar: Map<string, string> } };
		const pressed = await outcome(() => confirmPage.actions.default(event as never));
		expect(pressed.kind).toBe('redirect');
		const moved = await db()
			.selectFrom('registrations')
			.select(['user_id', 'email'])
			.where('id', '=', row.id)
			.executeTakeFirstOrThrow();
		expect(moved).toEqual({ user_id: other.row.user_id, email: other.row.email });
		expect(event.cookies.jar.get('kaigi_session')).toBeTruthy();
	});

	it('does not work after a newer link was asked for', async () => {
		const { locals } = await delegate();
		const first = `first-${Date.now()}@example.org`;
		const second = `second-${Date.now()}@example.org`;
		await ask(locals, { newEmail: first, newEmailConfirmation: first });
		const firstToken = await linkSentTo(first);
		await ask(locals, { newEmail: second, newEmailConfirmation: second });
		const shown = await outcome(() => confirmPage.load(confirmEvent(firstToken)));
		expect(shown.data).toEqual({ newEmail: null });
	});
});
