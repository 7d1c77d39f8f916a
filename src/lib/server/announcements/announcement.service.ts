import type { AnnouncementInput } from '../../schemas/announcement.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findEventById, listDelegations } from '../events/event.repository.ts';
import type { RenderedMail } from '../mail/message.ts';
import { enqueueEmails } from '../mail/outbox-batch.ts';
import { announcementBody, announcementMail } from '../mail/templates/announcement.ts';
import {
	countRecipients,
	findRecipients,
	insertAnnouncement,
	listAnnouncements,
	listVisitsForFilter
} from './announcement.repository.ts';

// Announcements: one message per matching registrant through the outbox, recorded with the
// filter used and audited.

function filterOf(input: AnnouncementInput) {
	return {
		statuses: input.statuses,
		delegationId: input.delegationId,
		category: input.category,
		visitId: input.visitId
	};
}

/**
 * How many people the announcement would reach, and the mail as they would get it (with a
 * placeholder name): its subject, plain text, and the HTML of its message part.
 */
export async function previewAnnouncement(
	actor: Actor,
	event: Event,
	input: AnnouncementInput
): Promise<{ count: number; mail: RenderedMail; bodyHtml: string }> {
	await assertCan(actor, event.id, 'announcements.send');
	const count = await countRecipients(db(), event.id, filterOf(input));
	const options = {
		event,
		subject: input.subject,
		body: input.body,
		recipient: {
			honorific: null,
			given_name: null,
			family_name: '[participant’s name]',
			reference: `${event.code}-XX-000`
		}
	};
	return { count, mail: announcementMail(options), bodyHtml: announcementBody(options).value };
}

/** Sends an announcement to everyone matching its filter now; `sendKey` makes a repeated submit send nothing twice. */
export async function sendAnnouncement(
	actor: Actor,
	eventId: number,
	input: AnnouncementInput,
	sendKey: string
): Promise<{ id: number; recipients: number }> {
	await assertCan(actor, eventId, 'announcements.send');
	const at = now();
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const event = await findEventById(trx, eventId);
				if (!event) throw new DomainError('not_found', 'No such event.');
				const filter = filterOf(input);
				const recipients = await findRecipients(trx, eventId, filter);
				if (recipients.length === 0) {
					throw new DomainError(
						'invalid',
						'No registration matches these filters; nothing was sent.'
					);
				}
				const { id } = await insertAnnouncement(trx, {
					eventId,
					subject: input.subject,
					body: input.body,
					filter,
					recipientCount: recipients.length,
					sentBy: actor.id,
					sendKey,
					at
				});
				await enqueueEmails(
					trx,
					recipients.map((recipient) => ({
						...announcementMail({ event, subject: input.subject, body: input.body, recipient }),
						to: recipient.email,
						template: 'announcement',
						dedupeKey: `announcement-${id}-${recipient.id}`,
						eventId,
						registrationId: recipient.id
					}))
				);
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'announcement.sent',
					entityType: 'announcement',
					entityId: id,
					eventId,
					diff: { subject: input.subject, filter, recipients: recipients.length }
				});
				return { id, recipients: recipients.length };
			});
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', 'This announcement has already been sent.');
		}
		throw error;
	}
}

/** What the announcements page offers: delegations and visits to filter by, and what was sent. */
export async function announcementsPage(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'announcements.send');
	const [delegations, visits, announcements] = await Promise.all([
		listDelegations(db(), eventId),
		listVisitsForFilter(db(), eventId),
		listAnnouncements(db(), eventId)
	]);
	return { delegations, visits, announcements };
}
