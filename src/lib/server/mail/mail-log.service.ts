import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import {
	countEventEmails,
	findEventEmail,
	listEventEmails,
	mailLogFacets,
	type MailLogFilter
} from './mail-log.repository.ts';
import { LINKS_WIPED, shownWithoutLinks } from './hidden-links.ts';
import { notifyOutbox, requeueEmail } from './outbox.repository.ts';

/** Queues one of an event's sent or failed e-mails again (organizer's resend), audited. */
export async function resendEmail(actor: Actor, eventId: number, emailId: number): Promise<void> {
	await assertCan(actor, eventId, 'announcements.send');
	await db()
		.transaction()
		.execute(async (trx) => {
			const email = await findEventEmail(trx, eventId, emailId);
			if (!email) throw new DomainError('not_found', m.err_no_message());
			if (email.links_enc === LINKS_WIPED) {
				throw new DomainError('conflict', m.err_message_personal_link());
			}
			if (!(await requeueEmail(trx, email.id, now()))) {
				throw new DomainError('conflict', m.err_message_waiting());
			}
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'email.resend',
				entityType: 'email',
				entityId: email.id,
				eventId,
				diff: {
					recipient: email.recipient,
					template: email.template,
					previous_status: email.status
				}
			});
			await notifyOutbox(trx);
		});
}

/** One page of an event's mail log with its total and the filter choices. */
export async function mailLogPage(
	actor: Actor,
	eventId: number,
	filter: MailLogFilter,
	page: { limit: number; offset: number }
) {
	await assertCan(actor, eventId, 'registrations.view');
	const [emails, total, facets] = await Promise.all([
		listEventEmails(db(), eventId, filter, page),
		countEventEmails(db(), eventId, filter),
		mailLogFacets(db(), eventId)
	]);
	return { emails, total, facets };
}

/**
 * One message of an event's mail log, or undefined. Links that carry a token show as
 * "[link hidden]": the log is read by the secretariat, and such links are not theirs to use.
 */
export async function findMailOfEvent(actor: Actor, eventId: number, emailId: number) {
	await assertCan(actor, eventId, 'registrations.view');
	const found = await findEventEmail(db(), eventId, emailId);
	if (!found) return undefined;
	const { links_enc, text_body, html_body, ...email } = found;
	return {
		...email,
		text_body: shownWithoutLinks(text_body),
		html_body: shownWithoutLinks(html_body),
		/** Whether the message carried links that are hidden here. */
		hidesLinks: links_enc !== null,
		/** Whether those links were sent and wiped: the message cannot be sent again. */
		linksWiped: links_enc === LINKS_WIPED
	};
}
