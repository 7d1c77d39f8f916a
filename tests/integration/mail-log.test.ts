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
import { addEventStaff, makeEvent, makeStaff } from '../helpers/factories.ts';
import { staffActor } from '../helpers/event-actors.ts';

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
