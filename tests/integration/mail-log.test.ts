import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	countEventEmails,
	findEventEmail,
	listEventEmails,
	mailLogFacets
} from '../../src/lib/server/mail/mail-log.repository.ts';
import { resendEmail } from '../../src/lib/server/mail/mail-log.service.ts';
import { enqueueEmail } from '../../src/lib/server/mail/outbox.ts';
import { load } from '../../src/routes/admin/events/[slug]/mail/+page.server.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { addEventStaff, makeEvent, makeStaff } from '../helpers/factories.ts';
import { localsFor, staffRequest } from '../helpers/request-event.ts';

let n = 0;
async function queue(eventId: number | null, template: string, status?: 'sent' | 'failed') {
	n++;
	await enqueueEmail(db(), {
		to: `person${n}@example.org`,
		template,
		dedupeKey: `test-${template}-${n}-${Math.random()}`,
		subject: `Message ${n}`,
		text: 'Hello',
		html: '<p>Hello</p>',
		eventId
	});
	const row = await db()
		.selectFrom('emails')
		.select('id')
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	if (status) {
		await db()
			.updateTable('emails')
			.set({
				status,
				attempts: 3,
				last_error: status === 'failed' ? '550 mailbox unavailable' : null,
				sent_at: status === 'sent' ? new Date() : null
			})
			.where('id', '=', row.id)
			.execute();
	}
	return row.id;
}

describe('mail log', () => {
	it("lists only the event's messages, newest first, filtered and counted", async () => {
		const event = await makeEvent();
		const other = await makeEvent();
		await queue(event.id, 'registration-confirmed', 'sent');
		await queue(event.id, 'registration-confirmed', 'failed');
		await queue(event.id, 'invitation');
		await queue(other.id, 'invitation');
		await queue(null, 'sign-in');

		const all = await listEventEmails(db(), event.id, {}, { limit: 50, offset: 0 });
		expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
		expect(all).toHaveLength(3);
		expect(await countEventEmails(db(), event.id, {})).toBe(3);

		const failed = await listEventEmails(
			db(),
			event.id,
			{ status: 'failed' },
			{ limit: 50, offset: 0 }
		);
		expect(failed).toHaveLength(1);
		expect(failed[0].last_error).toBe('550 mailbox unavailable');
		expect(await countEventEmails(db(), event.id, { template: 'invitation' })).toBe(1);

		const page2 = await listEventEmails(db(), event.id, {}, { limit: 2, offset: 2 });
		expect(page2).toHaveLength(1);

		const facets = await mailLogFacets(db(), event.id);
		expect(facets.byStatus).toEqual({ sent: 1, failed: 1, queued: 1 });
		expect(facets.templates).toEqual(['invitation', 'registration-confirmed']);
	});

	it('filters by recipient, any part of the address in any case, % and _ as themselves', async () => {
		const event = await makeEvent();
		await queue(event.id, 'invitation');
		const wanted = n;
		await queue(event.id, 'invitation');
		await queue(event.id, 'registration-confirmed', 'sent');
		const byRecipient = (recipient: string) =>
			listEventEmails(db(), event.id, { recipient }, { limit: 50, offset: 0 });
		expect((await byRecipient(`PERSON${wanted}@`)).map((e) => e.recipient)).toEqual([
			`person${wanted}@example.org`
		]);
		expect(await countEventEmails(db(), event.id, { recipient: 'example.org' })).toBe(3);
		expect(await countEventEmails(db(), event.id, { recipient: '%' })).toBe(0);
		expect(await countEventEmails(db(), event.id, { recipient: '_' })).toBe(0);

		// The page reads it from ?to= and keeps it for the form and the page links.
		const staff = await makeStaff({ admin: true });
		const page = (await load(
			staffRequest(await localsFor(staff.id), event.slug, 'mail', {
				to: ` person${wanted}@ `
			}) as never
		)) as { total: number; filter: { to: string } };
		expect(page.total).toBe(1);
		expect(page.filter.to).toBe(`person${wanted}@`);
	});

	it("re-queues a failed message, audited, and refuses another event's or a queued one", async () => {
		const event = await makeEvent();
		const other = await makeEvent();
		const organizer = await makeStaff();
		await addEventStaff(event.id, organizer.id, 'organizer');
		const failedId = await queue(event.id, 'registration-confirmed', 'failed');
		const queuedId = await queue(event.id, 'invitation');
		const otherId = await queue(other.id, 'invitation', 'sent');

		await resendEmail(staffActor(organizer), event.id, failedId);
		const row = await findEventEmail(db(), event.id, failedId);
		expect(row?.status).toBe('queued');
		expect(row?.last_error).toBeNull();
		const audit = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'email.resend')
			.executeTakeFirstOrThrow();
		expect(audit.actor_user_id).toBe(organizer.id);
		expect(audit.event_id).toBe(event.id);
		expect(audit.entity_id).toBe(String(failedId));

		const queued = await resendEmail(staffActor(organizer), event.id, queuedId).catch((e) => e);
		expect(queued).toBeInstanceOf(DomainError);
		expect((queued as DomainError).code).toBe('conflict');

		const foreign = await resendEmail(staffActor(organizer), event.id, otherId).catch((e) => e);
		expect((foreign as DomainError).code).toBe('not_found');
		expect((await findEventEmail(db(), other.id, otherId))?.status).toBe('sent');
	});
});
