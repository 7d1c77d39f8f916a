import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import {
	findBatchCandidates,
	findVisaCandidates,
	insertDocumentRequest,
	lockEventDocuments
} from './document.repository.ts';
import { issueWithin, type Trx } from './document-issue.ts';
import { dayIn, longDayRange } from './document-values.ts';
import { defaultAddressee } from './embassies.ts';

// Documents in batches: visa letter requests for everyone who gave passport details, certificates
// of attendance for the checked-in, invitation letters for the confirmed.

/**
 * Adds a visa letter request for every active registration that gave passport details and has
 * no letter in force: the secretariat prepares letters without waiting for each delegate to ask.
 */
export async function requestVisaLettersForAll(actor: Actor, eventId: number): Promise<number> {
	await assertCan(actor, eventId, 'documents.issue');
	try {
		return await requestAllWithin(actor, eventId);
	} catch (error) {
		if (isUniqueViolation(error, 'documents_one_active_idx')) {
			throw new DomainError('conflict', m.err_batch_race());
		}
		throw error;
	}
}

function requestAllWithin(actor: Actor, eventId: number): Promise<number> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await findEventById(trx, eventId);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			if (!event.collect_visa_support) {
				throw new DomainError('invalid', m.err_no_passports());
			}
			const people = await findVisaCandidates(trx, eventId);
			const at = now();
			for (const person of people) {
				await insertDocumentRequest(trx, {
					eventId,
					registrationId: person.id,
					kind: 'visa_letter',
					addressee: defaultAddressee(person.nationality),
					requestedBy: actor.id,
					at
				});
			}
			if (people.length > 0) {
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'document.requested_for_all',
					entityType: 'event',
					entityId: eventId,
					eventId,
					diff: { kind: 'visa_letter', references: people.map((p) => p.reference) }
				});
			}
			return people.length;
		});
}

/** Issues a document of a kind to each candidate (findBatchCandidates) in one transaction. */
async function issueBatchWithin(
	trx: Trx,
	actor: Actor,
	event: Event,
	kind: 'certificate' | 'invitation_letter'
): Promise<number> {
	const candidates = await findBatchCandidates(trx, event.id, kind);
	if (candidates.length === 0) return 0;
	const ids: number[] = [];
	for (const c of candidates) {
		const { id } = await insertDocumentRequest(trx, {
			eventId: event.id,
			registrationId: c.id,
			kind,
			addressee: '',
			requestedBy: actor.id,
			at: now()
		});
		ids.push(id);
	}
	return issueWithin(trx, actor, event, await lockEventDocuments(trx, event.id, ids));
}

/**
 * Issues a certificate of attendance to every checked-in participant who has none yet, from the
 * event's last day on.
 */
export async function issueCertificates(actor: Actor, eventId: number): Promise<number> {
	await assertCan(actor, eventId, 'documents.issue');
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await findEventById(trx, eventId);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			if (dayIn(now(), event.time_zone) < event.ends_on) {
				throw new DomainError(
					'closed',
					m.err_certificates_from({ day: longDayRange(event.ends_on, event.ends_on) })
				);
			}
			return issueBatchWithin(trx, actor, event, 'certificate');
		});
}

/**
 * Issues a letter of invitation to every confirmed participant who has none yet (the letter some
 * administrations need to release an official for the meeting).
 */
export async function issueInvitationLetters(actor: Actor, eventId: number): Promise<number> {
	await assertCan(actor, eventId, 'documents.issue');
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await findEventById(trx, eventId);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			return issueBatchWithin(trx, actor, event, 'invitation_letter');
		});
}
