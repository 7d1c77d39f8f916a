import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/lib/server/auth/session.service.ts';
import { m } from '../../src/lib/paraglide/messages.js';
import {
	SIGN_IN_LINK_MINUTES,
	SIGN_IN_LINKS_PER_IP_PER_HOUR,
	isSignInLinkUsable,
	requestSignInLink,
	signInWithLink
} from '../../src/lib/server/auth/sign-in-link.service.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { advanceClock, setNow } from '../../src/lib/server/clock.ts';
import { config } from '../../src/lib/server/config.ts';
import { answeredWorkDone } from '../../src/lib/server/after-answer.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { makeStaff } from '../helpers/factories.ts';
import { textAsSent } from '../helpers/outbox.ts';

let counter = 0;

/** A delegate as registration leaves them: a user row without a password. */
async function makeDelegateUser(name = 'Siti Rahman') {
	counter++;
	return db()
		.insertInto('users')
		.values({ email: `delegate${counter}-${Date.now()}@example.org`, display_name: name })
		.returningAll()
		.executeTakeFirstOrThrow();
}

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

async function mailsTo(email: string) {
	return db()
		.selectFrom('emails')
		.selectAll()
		.where('recipient', '=', email)
		.orderBy('id')
		.execute();
}

/** Asks for a link and waits until it is queued (the answer comes before the mail). */
async function ask(input: Parameters<typeof requestSignInLink>[0]) {
	await requestSignInLink(input);
	await answeredWorkDone();
}

/** Asks for a link and returns the token and the full link from the mail that was queued. */
async function linkFor(email: string, next?: string) {
	await ask({ email, ip: freshIp(), next });
	const mails = await mailsTo(email);
	const text = textAsSent(mails[mails.length - 1]);
	const link = text.match(/https?:\/\/\S+\/signin\/\S+/)![0];
	const token = new URL(link).pathname.split('/').pop()!;
	return { token, link, mail: mails[mails.length - 1] };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

describe('asking for a sign-in link', () => {
	it('answers the same for a known and an unknown address, and mails only the known one', async () => {
		const user = await makeDelegateUser();
		const known = await requestSignInLink({ email: user.email, ip: freshIp() });
		const unknown = await requestSignInLink({ email: 'nobody@example.org', ip: freshIp() });
		expect(known).toBe(unknown);
		await answeredWorkDone();
		expect(await mailsTo('nobody@example.org')).toHaveLength(0);
		const [mail] = await mailsTo(user.email);
		expect(mail.template).toBe('sign-in');
		expect(mail.subject).toBe('Your Kaigi sign-in link');
		expect(mail.text_body).toContain(`Hello ${user.display_name}`);
		expect(mail.text_body).toContain(`expires in ${SIGN_IN_LINK_MINUTES} minutes`);
		expect(mail.html_body).toContain('Sign in to Kaigi');
		expect(textAsSent(mail)).toContain(`${config().origin}/signin/`);
		expect(mail.text_body).not.toContain(`${config().origin}/signin/`);
	});

	it('stores only a SHA-256 of a token of at least 128 bits', async () => {
		const user = await makeDelegateUser();
		const { token } = await linkFor(user.email);
		// base32 carries 5 bits per character.
		expect(token.length * 5).toBeGreaterThanOrEqual(128);
		const rows = await db()
			.selectFrom('sign_in_tokens')
			.selectAll()
			.where('user_id', '=', user.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].purpose).toBe('delegate_sign_in');
		expect(Buffer.from(rows[0].token_hash)).toEqual(Buffer.from(hashToken(token)));
		expect(Buffer.from(rows[0].token_hash).toString('latin1')).not.toContain(token);
		expect(rows[0].expires_at.getTime() - rows[0].created_at.getTime()).toBe(15 * 60_000);
	});

	it('escapes the name in the HTML of the mail', async () => {
		const user = await makeDelegateUser('<b>Lee</b> & co');
		const { mail } = await linkFor(user.email);
		expect(mail.html_body).toContain('&lt;b&gt;Lee&lt;/b&gt; &amp; co');
		expect(mail.html_body).not.toContain('<b>Lee</b>');
	});

	it('carries a safe ?next= through the link and drops an unsafe one', async () => {
		const user = await makeDelegateUser();
		const safe = await linkFor(user.email, '/me/registrations/HLOM6-TH-001');
		expect(new URL(safe.link).searchParams.get('next')).toBe('/me/registrations/HLOM6-TH-001');
		const unsafe = await linkFor(user.email, '//evil.example/steal');
		expect(new URL(unsafe.link).search).toBe('');
		const plain = await linkFor(user.email);
		expect(new URL(plain.link).search).toBe('');
	});

	it('sends nothing to a disabled account', async () => {
		const staff = await makeStaff();
		await db()
			.updateTable('users')
			.set({ disabled_at: new Date() })
			.where('id', '=', staff.id)
			.execute();
		await ask({ email: staff.email, ip: freshIp() });
		expect(await mailsTo(staff.email)).toHaveLength(0);
	});
});

describe('using a sign-in link', () => {
	it('works once: looking at it burns nothing, the first use signs in, the second is refused', async () => {
		const user = await makeDelegateUser();
		const { token } = await linkFor(user.email);
		// A mail scanner opening the page (GET) only looks.
		expect(await isSignInLinkUsable(token)).toBe(true);
		expect(await isSignInLinkUsable(token)).toBe(true);

		const session = await signInWithLink(token, freshIp());
		expect(session.userId).toBe(user.id);
		const valid = await validateSessionToken(session.token);
		expect(valid?.user.id).toBe(user.id);
		expect(valid?.session.authMethod).toBe('email_link');

		expect(await isSignInLinkUsable(token)).toBe(false);
		const again = await failure(signInWithLink(token, freshIp()));
		expect(again.message).toBe(m.err_signin_link_unusable());
	});

	it('lets only one of two simultaneous uses win', async () => {
		const user = await makeDelegateUser();
		const { token } = await linkFor(user.email);
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, () => signInWithLink(token, freshIp()))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	});

	it('expires after 15 minutes', async () => {
		setNow(new Date('2026-12-01T09:00:00Z'));
		try {
			const user = await makeDelegateUser();
			const early = await linkFor(user.email);
			const late = await linkFor(user.email);
			advanceClock(14 * 60_000);
			expect(await isSignInLinkUsable(early.token)).toBe(true);
			await signInWithLink(early.token, freshIp());
			advanceClock(60_000 + 1);
			expect(await isSignInLinkUsable(late.token)).toBe(false);
			const error = await failure(signInWithLink(late.token, freshIp()));
			expect(error.message).toBe(m.err_signin_link_unusable());
		} finally {
			setNow(undefined);
		}
	});

	it('refuses a tampered, made-up or absurd token with the same clear message', async () => {
		const user = await makeDelegateUser();
		const { token } = await linkFor(user.email);
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		for (const bad of [
			token.slice(0, -1) + last,
			token.slice(0, -1),
			'garbage',
			'',
			'x'.repeat(5000)
		]) {
			expect(await isSignInLinkUsable(bad)).toBe(false);
			const error = await failure(signInWithLink(bad, freshIp()));
			expect(error.code).toBe('invalid');
			expect(error.message).toBe(m.err_signin_link_unusable());
		}
		// The real one still works afterwards.
		await expect(signInWithLink(token, freshIp())).resolves.toBeTruthy();
	});

	it('never gives staff powers, even to a staff member', async () => {
		const staff = await makeStaff({ admin: true });
		const { token } = await linkFor(staff.email);
		const session = await signInWithLink(token, freshIp());
		const valid = await validateSessionToken(session.token);
		expect(valid?.session.authMethod).toBe('email_link');
		expect(valid?.session.staff).toBe(false);
		expect(valid?.session.admin).toBe(false);
	});

	it('is refused once the account is disabled', async () => {
		const staff = await makeStaff();
		const { token } = await linkFor(staff.email);
		await db()
			.updateTable('users')
			.set({ disabled_at: new Date() })
			.where('id', '=', staff.id)
			.execute();
		expect(await isSignInLinkUsable(token)).toBe(false);
		await failure(signInWithLink(token, freshIp()));
	});

	it('writes the issue and the use to the audit log', async () => {
		const user = await makeDelegateUser();
		const { token } = await linkFor(user.email);
		await signInWithLink(token, freshIp());
		const actions = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('entity_type', '=', 'user')
			.where('entity_id', '=', String(user.id))
			.orderBy('id')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['auth.sign_in_link_sent', 'auth.sign_in']);
	});
});

describe('rate limits', () => {
	it('limits links per address per hour, known or not, and lifts the limit after the hour', async () => {
		setNow(new Date('2026-12-02T09:00:00Z'));
		try {
			const user = await makeDelegateUser();
			const max = config().signInLinksPerEmailPerHour;
			for (const email of [user.email, 'stranger@example.org']) {
				for (let i = 0; i < max; i++) await ask({ email, ip: freshIp() });
				const blocked = await failure(requestSignInLink({ email, ip: freshIp() }));
				expect(blocked.code).toBe('rate_limited');
				expect(blocked.message).toMatch(/try again in 60 minutes/);
			}
			expect(await mailsTo(user.email)).toHaveLength(max);
			advanceClock(60 * 60_000 + 1000);
			await ask({ email: user.email, ip: freshIp() });
			expect(await mailsTo(user.email)).toHaveLength(max + 1);
		} finally {
			setNow(undefined);
		}
	});

	it('limits links per network address, whatever the e-mail', async () => {
		setNow(new Date('2026-12-03T09:00:00Z'));
		try {
			const ip = '203.0.113.7';
			for (let i = 0; i < SIGN_IN_LINKS_PER_IP_PER_HOUR; i++) {
				await ask({ email: `many${i}@example.org`, ip });
			}
			const user = await makeDelegateUser();
			const blocked = await failure(requestSignInLink({ email: user.email, ip }));
			expect(blocked.code).toBe('rate_limited');
			expect(blocked.message).toMatch(/your network/);
			expect(await mailsTo(user.email)).toHaveLength(0);
			// Another address is not affected.
			await ask({ email: user.email, ip: freshIp() });
			expect(await mailsTo(user.email)).toHaveLength(1);
		} finally {
			setNow(undefined);
		}
	});
});

describe('the answer to a request for a link', () => {
	it('takes as long for a known address as for an unknown one', async () => {
		// Interleaved pairs; only the answer is timed, the mail queued after it is waited for
		// between samples. A known address answered in ~5 ms against ~3 ms for an unknown one
		// (the token, mail and audit entry were written first): told apart in > 90% of pairs.
		const SAMPLES = 60;
		const users = [];
		for (let i = 0; i < SAMPLES; i++) users.push(await makeDelegateUser());
		const timed = async (email: string) => {
			const started = performance.now();
			await requestSignInLink({ email, ip: freshIp() });
			const took = performance.now() - started;
			await answeredWorkDone();
			return took;
		};
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const unknownFirst = i % 2 === 0;
			if (unknownFirst) unknown.push(await timed(`nobody-${i}-${Date.now()}@example.org`));
			known.push(await timed(users[i].email));
			if (!unknownFirst) unknown.push(await timed(`nobody-${i}-${Date.now()}@example.org`));
		}
		// The chance that a known address's answer is the slower of a pair (0.5 when alike).
		let slower = 0;
		for (const k of known) for (const u of unknown) slower += k > u ? 1 : k === u ? 0.5 : 0;
		const share = slower / (known.length * unknown.length);
		expect(share, `known slower in ${(share * 100).toFixed(0)}% of pairs`).toBeLessThan(0.75);
		expect(await mailsTo(users[0].email)).toHaveLength(1);
	});
});
