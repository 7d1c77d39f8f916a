import type { Transaction } from 'kysely';
import { listName } from '../../domain/person-name.ts';
import { inLanguage } from '../../domain/translations.ts';
import { isActiveStatus } from '../../domain/registration-status.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import { withSavepoint } from '../db/savepoint.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { erasureRequestMail } from '../mail/templates/privacy.ts';
import { cancelWithin } from '../registrations/decision.service.ts';
import { dayKey } from '../../time.ts';
import {
	eraseAuditValues,
	eraseRegistrationData,
	listOrganiserAddresses,
	listRegistrationsForErasure
} from './privacy.repository.ts';

// A delegate's request to delete their personal data (from /me). Registrations for events
// still to come are cancelled (their seats go to the waiting list, with the usual mails); the
// optional personal data of all their registrations is erased (erasure.ts); what stays is
// the fact of their participation, as the List of Participants already circulated states it.
// The request is in the audit log and each event's organisers are told by e-mail.

type Row = Awaited<ReturnType<typeof listRegistrationsForErasure>>[number];

function stillToCome(r: Row, at: Date): boolean {
	if (r.event_status === 'archived' || r.event_status === 'cancelled') return false;
	return dayKey(at, r.event_time_zone) <= r.event_ends_on;
}

export type ErasureResult = { cancelled: string[]; erased: string[]; organisersTold: number };

/** Cancels the person's upcoming registrations, erases their optional data and tells organisers. */
export function requestErasure(user: { id: number }): Promise<ErasureResult> {
	return db()
		.transaction()
		.execute((trx) => requestErasureWithin(trx, user));
}

/**
 * requestErasure inside the caller's transaction: the cancellations, the erasure, its audit
 * entry and the organisers' mails commit together or not at all.
 */
export async function requestErasureWithin(
	trx: Transaction<Database>,
	user: { id: number }
): Promise<ErasureResult> {
	const at = now();
	const rows = await listRegistrationsForErasure(trx, user.id);
	const cancelled: string[] = [];
	// Event by event in id order, so two requests never wait on each other's event locks.
	const upcoming = rows
		.filter((r) => isActiveStatus(r.status) && stillToCome(r, at))
		.sort((a, b) => a.event_id - b.event_id || a.id - b.id);
	for (const r of upcoming) {
		try {
			await withSavepoint(trx, 'erasure_cancel', () =>
				cancelWithin(
					trx,
					{ id: user.id, name: '', staff: false, admin: false },
					r.id,
					'The participant asked for their personal data to be deleted.'
				)
			);
			cancelled.push(r.reference);
		} catch (error) {
			// Cancelled meanwhile (another tab, the secretariat): nothing left to cancel.
			if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
		}
	}
	const ids = await eraseRegistrationData(trx, { ids: rows.map((r) => r.id) }, at);
	await eraseAuditValues(trx, ids);
	await writeAudit(trx, {
		actorUserId: user.id,
		action: 'privacy.erasure_request',
		entityType: 'user',
		entityId: user.id,
		diff: { registrations: rows.map((r) => r.reference), cancelled }
	});
	const organisers = await listOrganiserAddresses(trx, [...new Set(rows.map((r) => r.event_id))]);
	let told = 0;
	for (const r of rows) {
		const mail = (language: string | null) =>
			erasureRequestMail({
				eventTitle: inLanguage(
					{ title: r.event_title, translations: r.event_translations },
					'title',
					language
				),
				personName: listName(r),
				reference: r.reference,
				cancelled: cancelled.includes(r.reference),
				registrationUrl: `${config().origin}/admin/events/${r.event_slug}/registrations/${encodeURIComponent(r.reference)}`,
				language
			});
		const own = organisers
			.filter((o) => o.event_id === r.event_id)
			.map((o) => ({ to: o.email, key: `u${o.user_id}`, language: o.language }));
		// No organiser account: the event's contact address reads it instead.
		const recipients = own.length
			? own
			: [{ to: r.event_contact_email, key: 'contact', language: null }];
		for (const { to, key, language } of recipients) {
			const sent = await enqueueEmail(trx, {
				...mail(language),
				to,
				template: 'privacy-erasure-request',
				// Once a day per registration and recipient, however often the form is sent.
				dedupeKey: `privacy-erasure-${r.id}-${dayKey(at, 'UTC')}-${key}`,
				eventId: r.event_id,
				registrationId: r.id
			});
			if (sent) told++;
		}
	}
	return { cancelled, erased: rows.map((r) => r.reference), organisersTold: told };
}
