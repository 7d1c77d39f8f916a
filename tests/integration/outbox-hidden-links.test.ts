import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	requestSignInLink,
	isSignInLinkUsable
} from '../../src/lib/server/auth/sign-in-link.service.ts';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { answeredWorkDone } from '../../src/lib/server/after-answer.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { inviteOne } from '../../src/lib/server/invitations/invitation.service.ts';
import { viewInvitation } from '../../src/lib/server/invitations/invitation-response.service.ts';
import { hideLinks, LINK_HIDDEN } from '../../src/lib/server/mail/hidden-links.ts';
import { rotateMailLinksKey } from '../../src/lib/server/mail/links-key-rotation.ts';
import { findMailOfEvent, resendEmail } from '../../src/lib/server/mail/mail-log.service.ts';
import { enqueueEmail } from '../../src/lib/server/mail/outbox.ts';
import {
	emailChangeFor,
	requestEmailChange
} from '../../src/lib/server/registrations/email-change.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { invitationInput, makeDelegation, makeEvent } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { useSmtpSink } from '../helpers/outbox.ts';

// The outbox holds no working link (DESIGN §8, README "Security and privacy"): a message is
// stored with its token-bearing links hidden and the links encrypted; the worker sends them
// intact and then wipes them. Whoever reads the emails table, a backup or the mail log holds
// no link that works; the recipient's links do.

const sink = useSmtpSink();
const deliver = sink.deliver;

/** Everything stored about every outbox row, as one text (what a database dump would hold). */
async function outboxDump(): Promise<string> {
	const rows = await db()
		.selectFrom('emails')
		.select((eb) => eb.cast<string>(eb.ref('emails' as never), 'text').as('row'))
		.execute();
	return rows.map((r) => r.row).join('\n');
}

const TOKEN_LINK = /https?:\/\/\S+?\/(invitations|signin|me\/email)\/([a-z2-7]{24,})/g;

/** The links the recipients received, by kind, with their tokens. */
function receivedLinks() {
	return sink.messages.flatMap((m) =>
		[...(m.text ?? '').matchAll(TOKEN_LINK)].map((match) => ({
			kind: match[1],
			token: match[2],
			to: Array.isArray(m.to) ? '' : (m.to?.value[0].address ?? '')
		}))
	);
}

describe('token-bearing links in the outbox', () => {
	it('are nowhere in the stored rows after invitations, sign-in links and an address change, and work as delivered', async () => {
		const { event, organizer: actor } = await eventWithPeople({ registration_mode: 'invitation' });
		await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		for (const email of ['somchai@msdhs.example', 'anan@msdhs.example']) {
			await inviteOne(actor, event.id, invitationInput(email), { send: true });
		}
		const open = await makeEvent();
		const la = await makeDelegation(open.id, 'LA', { name: 'Lao PDR' });
		const values = delegateValues(la.id);
		await registerDelegate({ eventId: open.id, values, submissionKey: submissionKey() });
		await requestSignInLink({ email: values.email, ip: '198.51.100.7' });
		await answeredWorkDone();
		const user = await db()
			.selectFrom('users')
			.select(['id', 'email', 'display_name'])
			.where('email', '=', values.email)
			.executeTakeFirstOrThrow();
		await requestEmailChange(
			{ id: user.id, email: user.email, displayName: user.display_name },
			'new.address@molisa.example'
		);

		// Queued: the stored copy has markers, the real links only encrypted.
		const queued = await outboxDump();
		expect(queued).toContain('[link hidden: 1]');
		expect(queued).not.toMatch(/\/(invitations|signin|me\/email)\/[a-z2-7]{24,}/);

		await deliver();
		const received = receivedLinks();
		expect(received.map((l) => l.kind).sort()).toEqual([
			'invitations',
			'invitations',
			'me/email',
			'signin'
		]);
		// Delivered intact: each link works for its recipient.
		for (const link of received) {
			if (link.kind === 'invitations') {
				expect((await viewInvitation(link.token)).state).toBe('open');
			} else if (link.kind === 'signin') {
				expect(await isSignInLinkUsable(link.token)).toBe(true);
			} else {
				expect(await emailChangeFor(link.token)).toBe('new.address@molisa.example');
			}
		}
		// Once sent, no token is anywhere in the rows, and the encrypted links are wiped.
		const sent = await outboxDump();
		for (const link of received) expect(sent).not.toContain(link.token);
		const wiped = await db()
			.selectFrom('emails')
			.select(['status', 'links_enc'])
			.where('template', 'in', ['invitation', 'sign-in', 'email-change'])
			.execute();
		expect(wiped.length).toBeGreaterThanOrEqual(4);
		for (const row of wiped) expect(row).toEqual({ status: 'sent', links_enc: '' });

		// The mail log says the link is hidden, and a sent invitation is not resent without it.
		const invitation = await db()
			.selectFrom('emails')
			.select('id')
			.where('event_id', '=', event.id)
			.where('template', '=', 'invitation')
			.executeTakeFirstOrThrow();
		const shown = await findMailOfEvent(actor, event.id, invitation.id);
		expect(shown!.text_body).toContain(LINK_HIDDEN);
		expect(shown!.text_body).not.toContain('[link hidden: 1]');
		expect(shown!.html_body).toContain(LINK_HIDDEN);
		expect(shown).not.toHaveProperty('links_enc');
		const refused = await resendEmail(actor, event.id, invitation.id).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect((refused as DomainError).message).toMatch(/not kept once sent/);
	});

	it('are hidden for any mail queued through the outbox, whatever its template', async () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		const link = `http://127.0.0.1:3000/delegations/${token}`;
		await db()
			.transaction()
			.execute((trx) =>
				enqueueEmail(trx, {
					to: 'focal.point@mofa.example',
					template: 'some-future-template',
					dedupeKey: `future-${Date.now()}`,
					subject: 'Your delegation page',
					text: `Open ${link} (valid 30 days). See also http://127.0.0.1:3000/events/hiv-aids-workshop`,
					html: `<p><a href="${link}">${link}</a> · <a href="http://127.0.0.1:3000/events/hiv-aids-workshop">event</a></p>`
				})
			);
		expect(await outboxDump()).not.toContain(token);
		const before = sink.messages.length;
		await deliver();
		const mail = sink.messages.slice(before).find((m) => m.subject === 'Your delegation page');
		expect(mail!.text).toContain(`Open ${link} (valid 30 days)`);
		expect(mail!.text).toContain('http://127.0.0.1:3000/events/hiv-aids-workshop');
		expect(mail!.html).toContain(`href="${link}"`);
		expect(await outboxDump()).not.toContain(token);
	});

	it('of a message queued before links were hidden are redacted once it is sent', async () => {
		const token = 'zyxwvutsrqponmlkjihgfedcba765432';
		await db()
			.insertInto('emails')
			.values({
				dedupe_key: `legacy-${Date.now()}`,
				recipient: 'old@example.org',
				template: 'sign-in',
				subject: 'Legacy link',
				text_body: `Sign in: http://127.0.0.1:3000/signin/${token}`,
				html_body: `<a href="http://127.0.0.1:3000/signin/${token}">Sign in</a>`,
				next_attempt_at: new Date(),
				created_at: new Date()
			})
			.execute();
		const before = sink.messages.length;
		await deliver();
		const mail = sink.messages.slice(before).find((m) => m.subject === 'Legacy link');
		expect(mail!.text).toContain(`/signin/${token}`);
		expect(await outboxDump()).not.toContain(token);
	});

	it('still work after the PII key is rotated while they wait to be sent', async () => {
		const oldKey = randomBytes(32).toString('base64');
		const newKey = randomBytes(32).toString('base64');
		const useKeys = (current: string, previous?: string) => {
			process.env.PII_KEY = current;
			if (previous) process.env.PII_KEY_OLD = previous;
			else delete process.env.PII_KEY_OLD;
			reloadConfig();
		};
		const token = 'rotatedlinkabcdefghijklmnopqrstu';
		try {
			useKeys(oldKey);
			await db()
				.transaction()
				.execute((trx) =>
					enqueueEmail(trx, {
						to: 'rotation@example.org',
						template: 'sign-in',
						dedupeKey: `rotation-${Date.now()}`,
						subject: 'Rotated link',
						text: `Sign in: http://127.0.0.1:3000/signin/${token}`,
						html: `<a href="http://127.0.0.1:3000/signin/${token}">Sign in</a>`
					})
				);
			useKeys(newKey, oldKey);
			const report = await rotateMailLinksKey(1);
			expect(report.rotated).toBe(1);
			expect(report.unreadable).toEqual([]);
			useKeys(newKey);
			const before = sink.messages.length;
			await deliver();
			const mail = sink.messages.slice(before).find((m) => m.subject === 'Rotated link');
			expect(mail!.text).toContain(`/signin/${token}`);
		} finally {
			delete process.env.PII_KEY;
			delete process.env.PII_KEY_OLD;
			reloadConfig();
		}
	});

	it('are recognised by the shape of the tokens, not by a list of routes', () => {
		const { bodies, links } = hideLinks([
			'a http://x.example/anything/abcdefghijklmnopqrstuvwx?y=1 b http://x.example/events/hlom-6 c http://x.example/r?token=abcdefghijklmnopqrstuvwxyz234567&z',
			'http://x.example/calendar/abcdefghijklmnopqrstuvwxyz234567.ics http://x.example/me/registrations/HLOM6-TH-001'
		]);
		expect(bodies).toEqual([
			'a [link hidden: 1] b http://x.example/events/hlom-6 c [link hidden: 2]',
			'[link hidden: 3] http://x.example/me/registrations/HLOM6-TH-001'
		]);
		expect(links).toHaveLength(3);
	});
});
