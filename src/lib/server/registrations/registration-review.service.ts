import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Registration } from '../db/schema.ts';
import { formalAddress } from '../../domain/person-name.ts';
import { getLocale } from '../../paraglide/runtime.js';
import {
	findOpenChangeRequest,
	listFailedMails,
	listNeedingAttention,
	userName
} from './corrections.repository.ts';
import { delegationOfRow } from './person-columns.ts';

// What staff should know about a registration beyond its fields: who entered it, mails that
// could not be delivered, and an open request to change delegation or category.

/** The notes shown on a registration's staff page. */
export async function registrationNotes(actor: Actor, registration: Registration) {
	await assertCan(actor, registration.event_id, 'registrations.view');
	const [enteredByName, failedMails, changeRequest] = await Promise.all([
		registration.entered_by ? userName(db(), registration.entered_by) : null,
		listFailedMails(db(), registration.id, registration.email),
		findOpenChangeRequest(db(), registration.id)
	]);
	return {
		enteredBy:
			registration.entered_by_kind === 'organizer'
				? { kind: 'organizer' as const, name: enteredByName }
				: { kind: 'self' as const, name: null },
		failedMails: failedMails.map((m) => ({
			id: m.id,
			recipient: m.recipient,
			subject: m.subject,
			error: m.last_error,
			at: m.created_at
		})),
		changeRequest: changeRequest
			? {
					delegationId: changeRequest.delegation_id,
					delegation: delegationOfRow(changeRequest, getLocale()),
					category: changeRequest.category,
					at: changeRequest.requested_at
				}
			: null
	};
}

/** Registrations of an event whose mail failed or that ask for a change, for the list page. */
export async function registrationsNeedingAttention(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'registrations.view');
	const rows = await listNeedingAttention(db(), eventId);
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		name: formalAddress(r),
		email: r.email,
		mailFailed: Boolean(r.mail_failed),
		changeRequested: Boolean(r.change_requested)
	}));
}
