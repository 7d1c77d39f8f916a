import { randomBytes } from 'node:crypto';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset } from '../../src/lib/server/auth/account-link.service.ts';
import { loginWithPassword } from '../../src/lib/server/auth/login.service.ts';
import {
	confirmTotpEnrolment,
	resetSecondFactor,
	rotateTotpSecretsKey,
	setRequireSecondFactor,
	startTotpEnrolment,
	verifySecondFactor
} from '../../src/lib/server/auth/second-factor.service.ts';
import { validateSessionToken } from '../../src/lib/server/auth/session.service.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { advanceClock, now, setNow } from '../../src/lib/server/clock.ts';
import { config, reloadConfig } from '../../src/lib/server/config.ts';
import { answeredWorkDone } from '../../src/lib/server/after-answer.ts';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { db, setDatabase } from '../../src/lib/server/db/database.ts';
import type { Database } from '../../src/lib/server/db/schema.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { inviteStaff } from '../../src/lib/server/users/user.service.ts';
import { renewRecoveryCodes } from '../../src/lib/server/auth/second-factor.service.ts';
import { addStaffMember } from '../../src/lib/server/events/event-staff.service.ts';
import * as passwordPage from '../../src/routes/login/password/[token]/+page.server.ts';
import * as forgotPage from '../../src/routes/login/forgot/+page.server.ts';
import * as verifyPage from '../../src/routes/login/two-factor/verify/+page.server.ts';
import { addEventStaff, makeEvent, makeStaff } from '../helpers/factories.ts';
import { outcome } from '../helpers/hostile.ts';
import { ANONYMOUS, localsFor, routeEvent } from '../helpers/request-event.ts';
import { deliverToSink, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const ip = '192.0.2.44';
const STRONG = 'a long and quiet harbour';
let sink: SmtpSink;
beforeAll(async () => (sink = await startSmtpSink()));
afterAll(() => sink.stop());
const deliver = () => deliverToSink(sink);

/** The one-time link in the newest message to `to`. */
async function linkTo(to: string): Promise<{ text: string; token: string }> {
	await deliver();
	const mail = sink.messages.findLast((m) => m.to && JSON.stringify(m.to).includes(to));
	expect(mail, `a mail to ${to}`).toBeTruthy();
	const match = /\/login\/password\/([a-z2-7]+)/.exec(mail!.text ?? '');
	expect(match).toBeTruthy();
	return { text: mail!.text ?? '', token: match![1] };
}

async function refused(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

function setPassword(token: string, password: string, confirm = password) {
	return outcome(() =>
		passwordPage.actions.default(
			routeEvent({
				locals: ANONYMOUS,
				path: `/login/password/${token}`,
				params: { token },
				form: { newPassword: password, confirmPassword: confirm }
			})
		)
	);
}

const adminActor = async () => {
	const admin = await makeStaff({ admin: true });
	return { id: admin.id, name: 'The Administrator', staff: true, admin: true };
};

describe('staff invitations', () => {
	it('an organizer invites someone new to their own event: a staff account that cannot create events', async () => {
		const organizer = await makeStaff();
		const event = await makeEvent();
		await addEventStaff(event.id, organizer.id, 'organizer');
		const email = `desk-${Date.now()}@example.org`;
		const actor = { id: organizer.id, name: 'Aiko Tanaka', staff: true, admin: false };
		// Without a name, nobody is invited: the form asks for one.
		const refused = await addStaffMember(actor, event.id, { email, role: 'checkin' }).catch(
			(e) => e
		);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused.field).toBe('name');
		expect(
			await addStaffMember(actor, event.id, { email, role: 'checkin', name: 'Desk Volunteer' })
		).toEqual({
			invited: true
		});
		const user = await db()
			.selectFrom('users')
			.select(['id', 'is_staff', 'is_admin', 'can_create_events', 'password_hash'])
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		expect(user).toMatchObject({
			is_staff: true,
			is_admin: false,
			can_create_events: false,
			password_hash: null
		});
		const role = await db()
			.selectFrom('event_staff')
			.select('role')
			.where('event_id', '=', event.id)
			.where('user_id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(role.role).toBe('checkin');
		const { text } = await linkTo(email);
		expect(text).toContain('72 hours');
		// An organizer of another event cannot invite onto this one.
		const stranger = await makeStaff();
		const other = await addStaffMember(
			{ id: stranger.id, name: 'X', staff: true, admin: false },
			event.id,
			{ email: `x-${Date.now()}@example.org`, role: 'secretariat', name: 'X' }
		).catch((e) => e);
		expect(other).toBeInstanceOf(DomainError);
		expect(other.code).toBe('forbidden');
	});

	it('invite → choose a password → signed in; no password is ever shown or mailed; the link works once', async () => {
		const actor = await adminActor();
		const email = `invitee-${Date.now()}@example.org`;
		const userId = await inviteStaff(actor, {
			email,
			displayName: 'Nguyễn Thị Minh Khai',
			isAdmin: false,
			createsEvents: false
		});
		const { text, token } = await linkTo(email);
		expect(text).toContain('72 hours');
		expect(text).not.toMatch(/password:/i);
		// Only the hash is stored.
		const row = await db()
			.selectFrom('sign_in_tokens')
			.selectAll()
			.where('user_id', '=', userId)
			.executeTakeFirstOrThrow();
		expect(row.purpose).toBe('staff_invitation');
		expect(Buffer.from(row.token_hash)).toEqual(Buffer.from(hashToken(token)));
		expect(JSON.stringify(row)).not.toContain(token);
		// The page only looks: opening it twice burns nothing.
		const look = () =>
			passwordPage.load(
				routeEvent({ locals: ANONYMOUS, path: `/login/password/${token}`, params: { token } })
			) as Promise<{ owner: { email: string; purpose: string } | null }>;
		expect((await look()).owner).toMatchObject({ email, purpose: 'staff_invitation' });
		expect((await look()).owner?.email).toBe(email);

		const weak = await setPassword(token, 'password1234');
		expect(weak.status).toBe(400);
		const mismatch = await setPassword(token, STRONG, 'something else entirely');
		expect(mismatch.status).toBe(400);

		const done = await setPassword(token, STRONG);
		expect(done.kind).toBe('redirect');
		expect(done.location).toBe('/admin');
		const signedIn = await loginWithPassword({ email, password: STRONG, ip });
		const session = await validateSessionToken(signedIn.token);
		expect(session?.session.staff).toBe(true);
		// Not given the right: cannot create events.
		expect(session?.user.canCreateEvents).toBe(false);

		const again = await setPassword(token, 'another long passphrase');
		expect(again.status).toBe(400);
		expect(JSON.stringify(again.data)).toMatch(/expired or was already used/);
		expect((await look()).owner).toBeNull();
	});

	it('an invitation expires after 72 hours', async () => {
		const actor = await adminActor();
		const email = `late-${Date.now()}@example.org`;
		await inviteStaff(actor, { email, displayName: 'Late', isAdmin: false, createsEvents: true });
		const { token } = await linkTo(email);
		setNow(new Date(Date.now() + 72 * 3600_000 + 60_000));
		try {
			expect((await setPassword(token, STRONG)).status).toBe(400);
		} finally {
			setNow(undefined);
		}
	});
});

describe('forgotten passwords', () => {
	it('answer the same for a known and an unknown address; the link resets once, ends other sessions and tells the owner', async () => {
		const staff = await makeStaff();
		const before = await loginWithPassword({ email: staff.email, password: staff.password, ip });
		const ask = (email: string) =>
			outcome(() =>
				forgotPage.actions.default(
					routeEvent({ locals: ANONYMOUS, path: '/login/forgot', form: { email }, ip })
				)
			);
		const known = await ask(staff.email);
		const unknown = await ask(`nobody-${Date.now()}@example.org`);
		expect(known.data).toEqual({ sent: true, values: { email: staff.email } });
		expect(unknown.data).toMatchObject({ sent: true });
		await answeredWorkDone();
		const { text, token } = await linkTo(staff.email);
		expect(text).toContain('30 minutes');

		const done = await setPassword(token, STRONG);
		expect(done.location).toBe('/login?reset=1');
		expect(await validateSessionToken(before.token)).toBeNull();
		await deliver();
		expect(
			sink.messages.some(
				(m) =>
					m.subject === 'Your Kaigi password was changed' &&
					JSON.stringify(m.to).includes(staff.email)
			)
		).toBe(true);
		expect((await setPassword(token, 'yet another long phrase')).status).toBe(400);
		await refused(loginWithPassword({ email: staff.email, password: staff.password, ip }));
		expect(
			(await loginWithPassword({ email: staff.email, password: STRONG, ip })).token
		).toBeTruthy();
	});

	it('a reset asked for a staff address and for an unknown one runs the same statements before its answer', async () => {
		const staff = await makeStaff();
		const statements: string[] = [];
		const process = db();
		const logged = new Kysely<Database>({
			dialect: new PostgresDialect({
				pool: new pg.Pool({ connectionString: config().databaseUrl, max: 2 })
			}),
			log: (event) => {
				if (event.level === 'query') statements.push(event.query.sql);
			}
		});
		setDatabase(logged);
		try {
			const answered: Record<string, string[]> = {};
			for (const [name, email, from] of [
				['staff', staff.email, '192.0.2.120'],
				['unknown', `ghost-${Date.now()}@example.org`, '192.0.2.121']
			] as const) {
				statements.length = 0;
				await requestPasswordReset({ email, ip: from });
				answered[name] = [...statements];
				await answeredWorkDone();
				if (name === 'staff') expect(statements.length).toBeGreaterThan(answered[name].length);
			}
			expect(answered.staff.length).toBeGreaterThan(0);
			expect(answered.unknown).toEqual(answered.staff);
			// After the answer the staff address was mailed (more statements); the unknown one is not.
			expect(statements.some((sql) => /insert into "?emails"?/.test(sql))).toBe(false);
		} finally {
			setDatabase(process);
			await logged.destroy();
		}
	});

	it('a reset link lasts 30 minutes, and asking is rate-limited the same for every address', async () => {
		const staff = await makeStaff();
		setNow(new Date('2026-12-01T09:00:00Z'));
		try {
			await requestPasswordReset({ email: staff.email, ip: '192.0.2.90' });
			await answeredWorkDone();
			const { token } = await linkTo(staff.email);
			advanceClock(31 * 60_000);
			expect((await setPassword(token, STRONG)).status).toBe(400);
			for (const email of [staff.email, `ghost-${Date.now()}@example.org`]) {
				let error: DomainError | undefined;
				for (let i = 0; i < 4 && !error; i++) {
					error = await requestPasswordReset({ email, ip: '192.0.2.91' }).then(
						() => undefined,
						(e: DomainError) => e
					);
				}
				expect(error?.code, email).toBe('rate_limited');
			}
		} finally {
			setNow(undefined);
		}
	});
});

/** The code an authenticator app shows now (or `steps` steps away) for a base32 key. */
function codeFor(secret: string, steps = 0): string {
	const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
	return generateHOTP(key, BigInt(Math.floor(now().getTime() / 30_000) + steps), 6);
}

describe('two factors', () => {
	it('gives recovery codes to an account whose only second factor is a passkey', async () => {
		const staff = await makeStaff();
		const actor = { id: staff.id, name: 'Passkey only', staff: true, admin: false };
		const refused = await renewRecoveryCodes(actor).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		await db()
			.insertInto('passkeys')
			.values({
				id: randomBytes(32),
				user_id: staff.id,
				name: 'Laptop',
				algorithm: -7,
				public_key: Buffer.concat([Buffer.from([4]), randomBytes(64)]),
				created_at: new Date()
			})
			.execute();
		const codes = await renewRecoveryCodes(actor);
		expect(codes).toHaveLength(10);
		const stored = await db()
			.selectFrom('recovery_codes')
			.select('code_hash')
			.where('user_id', '=', staff.id)
			.execute();
		expect(stored).toHaveLength(10);

		// A lost passkey: the sign-in's second step offers a recovery code, and one works.
		const signIn = await loginWithPassword({ email: staff.email, password: staff.password, ip });
		expect(signIn.awaiting).toBe('second_factor');
		const pending = await validateSessionToken(signIn.token);
		const url = new URL('http://localhost/login/two-factor/verify');
		const view = await verifyPage.load({ locals: pending, url } as never);
		expect(view).toEqual({ totp: false, passkey: true, recoveryCodes: true });
		const answer = await outcome(() =>
			verifyPage.actions.default({
				locals: pending,
				url,
				request: new Request(url, {
					method: 'POST',
					body: new URLSearchParams({ code: codes[0] })
				}),
				getClientAddress: () => ip
			} as never)
		);
		expect(answer.kind).toBe('redirect');
		expect((await validateSessionToken(signIn.token))?.session.staff).toBe(true);
	});

	it('keeps the authenticator secret only encrypted, and through a key rotation', async () => {
		const oldKey = randomBytes(32).toString('base64');
		const newKey = randomBytes(32).toString('base64');
		const useKeys = (current: string, previous?: string) => {
			process.env.PII_KEY = current;
			if (previous) process.env.PII_KEY_OLD = previous;
			else delete process.env.PII_KEY_OLD;
			reloadConfig();
		};
		setNow(new Date('2026-12-02T11:00:05Z'));
		try {
			useKeys(oldKey);
			const staff = await makeStaff();
			const first = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			const enrolment = await startTotpEnrolment({ id: staff.id, email: staff.email });
			await confirmTotpEnrolment({
				userId: staff.id,
				sessionId: first.token.split('.')[0],
				code: codeFor(enrolment.secret)
			});
			const raw = decodeBase32IgnorePadding(enrolment.secret.replace(/\s/g, ''));
			const row = await db()
				.selectFrom('totp_factors')
				.selectAll()
				.where('user_id', '=', staff.id)
				.executeTakeFirstOrThrow();
			for (const value of Object.values(row)) {
				if (value instanceof Uint8Array)
					expect(Buffer.from(value).equals(Buffer.from(raw))).toBe(false);
			}
			const dump = JSON.stringify(row);
			expect(dump).not.toContain(Buffer.from(raw).toString('base64'));
			expect(dump).not.toContain(Buffer.from(raw).toString('hex'));
			expect(dump).not.toContain(enrolment.secret.replace(/\s/g, ''));

			useKeys(newKey, oldKey);
			const report = await rotateTotpSecretsKey(1);
			expect(report.rotated).toBeGreaterThanOrEqual(1);
			expect(report.unreadable).toEqual([]);
			useKeys(newKey);
			advanceClock(60_000);
			const signIn = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			await verifySecondFactor({
				userId: staff.id,
				sessionId: signIn.token.split('.')[0],
				code: codeFor(enrolment.secret),
				ip
			});
			expect((await validateSessionToken(signIn.token))?.session.staff).toBe(true);
		} finally {
			delete process.env.PII_KEY;
			delete process.env.PII_KEY_OLD;
			reloadConfig();
			setNow(undefined);
		}
	});

	it('enrol with a code, then sign in with a fresh code; replayed and off-window codes are refused; recovery codes work once', async () => {
		setNow(new Date('2026-12-02T10:00:05Z'));
		try {
			const staff = await makeStaff();
			const first = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			expect(first.awaiting).toBeNull();
			const enrolment = await startTotpEnrolment({ id: staff.id, email: staff.email });
			expect(enrolment.qr).toMatch(/^data:image\/png;base64,/);
			const firstId = first.token.split('.')[0];
			await refused(
				confirmTotpEnrolment({
					userId: staff.id,
					sessionId: firstId,
					code: codeFor(enrolment.secret, 3)
				})
			);
			const used = codeFor(enrolment.secret);
			const recovery = await confirmTotpEnrolment({
				userId: staff.id,
				sessionId: firstId,
				code: used
			});
			expect(recovery).toHaveLength(10);
			const stored = await db()
				.selectFrom('recovery_codes')
				.select('code_hash')
				.where('user_id', '=', staff.id)
				.execute();
			expect(stored).toHaveLength(10);
			expect(JSON.stringify(stored)).not.toContain(recovery[0]);

			// A password alone now opens a session without staff powers.
			const signIn = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			expect(signIn.awaiting).toBe('second_factor');
			const pending = await validateSessionToken(signIn.token);
			expect(pending?.session.staff).toBe(false);
			const sessionId = signIn.token.split('.')[0];
			const verify = (code: string) =>
				verifySecondFactor({ userId: staff.id, sessionId, code, ip });
			// The code used for enrolment is refused (each step once), and so is one 2 steps off.
			expect((await refused(verify(used))).message).toMatch(/not correct/);
			expect((await refused(verify(codeFor(enrolment.secret, 2)))).message).toMatch(/not correct/);
			// The next step's code (within ±1) is accepted, once.
			const next = codeFor(enrolment.secret, 1);
			await verify(next);
			expect((await validateSessionToken(signIn.token))?.session.staff).toBe(true);

			const another = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			const anotherId = another.token.split('.')[0];
			await refused(verifySecondFactor({ userId: staff.id, sessionId: anotherId, code: next, ip }));
			await verifySecondFactor({ userId: staff.id, sessionId: anotherId, code: recovery[0], ip });
			const third = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			await refused(
				verifySecondFactor({
					userId: staff.id,
					sessionId: third.token.split('.')[0],
					code: recovery[0],
					ip
				})
			);
		} finally {
			setNow(undefined);
		}
	});

	it('wrong codes count toward the same throttling as wrong passwords', async () => {
		setNow(new Date('2026-12-02T11:00:05Z'));
		try {
			const staff = await makeStaff();
			const first = await loginWithPassword({ email: staff.email, password: staff.password, ip });
			const enrolment = await startTotpEnrolment({ id: staff.id, email: staff.email });
			await confirmTotpEnrolment({
				userId: staff.id,
				sessionId: first.token.split('.')[0],
				code: codeFor(enrolment.secret)
			});
			const attacker = '198.51.100.77';
			const signIn = await loginWithPassword({
				email: staff.email,
				password: staff.password,
				ip: attacker
			});
			const sessionId = signIn.token.split('.')[0];
			for (let i = 0; i < 4; i++) {
				const e = await refused(
					verifySecondFactor({ userId: staff.id, sessionId, code: '000000', ip: attacker })
				);
				expect(e.code).toBe('invalid');
			}
			// One wrong password more reaches the limit: codes and passwords share it.
			await refused(
				loginWithPassword({ email: staff.email, password: 'a wrong password', ip: attacker })
			);
			// Even the right code now waits, from this address.
			const blocked = await refused(
				verifySecondFactor({
					userId: staff.id,
					sessionId,
					code: codeFor(enrolment.secret),
					ip: attacker
				})
			);
			expect(blocked.code).toBe('rate_limited');
		} finally {
			setNow(undefined);
		}
	});

	it('"require a second factor" leads passport readers to enrol at sign-in, not the check-in desk; an admin reset is audited and mailed', async () => {
		const actor = await adminActor();
		const event = await makeEvent();
		const secretariat = await makeStaff();
		const checkin = await makeStaff();
		await addEventStaff(event.id, secretariat.id, 'secretariat');
		await addEventStaff(event.id, checkin.id, 'checkin');
		await setRequireSecondFactor(actor, true);
		try {
			const reader = await loginWithPassword({
				email: secretariat.email,
				password: secretariat.password,
				ip
			});
			expect(reader.awaiting).toBe('enrolment');
			expect((await validateSessionToken(reader.token))?.session.staff).toBe(false);
			const locals = await localsFor(secretariat.id);
			expect(locals.session?.staff).toBe(true);
			const desk = await loginWithPassword({
				email: checkin.email,
				password: checkin.password,
				ip
			});
			expect(desk.awaiting).toBeNull();

			const enrolment = await startTotpEnrolment({ id: secretariat.id, email: secretariat.email });
			await confirmTotpEnrolment({
				userId: secretariat.id,
				sessionId: reader.token.split('.')[0],
				code: codeFor(enrolment.secret)
			});
			expect((await validateSessionToken(reader.token))?.session.staff).toBe(true);

			await resetSecondFactor(actor, secretariat.id);
			const audit = await db()
				.selectFrom('audit_log')
				.select('actor_user_id')
				.where('action', '=', 'staff.second_factor_reset')
				.where('entity_id', '=', String(secretariat.id))
				.executeTakeFirst();
			expect(audit?.actor_user_id).toBe(actor.id);
			await deliver();
			expect(
				sink.messages.some(
					(m) =>
						m.subject === 'Your Kaigi second factor was removed' &&
						JSON.stringify(m.to).includes(secretariat.email)
				)
			).toBe(true);
			const after = await loginWithPassword({
				email: secretariat.email,
				password: secretariat.password,
				ip
			});
			expect(after.awaiting).toBe('enrolment');
		} finally {
			await setRequireSecondFactor(actor, false);
		}
	});
});
