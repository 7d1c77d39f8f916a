import { inLanguage } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { DocumentKind, DocumentRow, Event, Registration } from '../db/schema.ts';
import { listFocalPoints } from '../delegations/focal-point.repository.ts';
import { delegationNaming } from '../registrations/person-columns.ts';
import { REISSUED } from './defaults.ts';
import { DomainError } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import { enqueueEmails, type QueuedMail } from '../mail/outbox.ts';
import { formalAddressIn } from '../../domain/person-name.ts';
import { issueDelegationLettersWithin } from './delegation-letter.service.ts';
import { delegationLetterVoidedMail, documentVoidedMail } from './document.mail.ts';
import {
	findActiveDocument,
	findDelegationsById,
	findHolders,
	listDelegationLetters,
	insertDocumentRequest,
	lockEventDocuments,
	markVoid,
	updateAddressee
} from './document.repository.ts';
import { issueWithin, type Trx } from './document-issue.ts';
import { requestVisaLetterWithin } from './visa-letter-request.ts';

// Issuing official documents: a delegate asks for a visa support letter, the secretariat issues
// one or many at once (each gets the event's next number for its kind, a verification code and
// the template version in force), voids or re-issues them. Each change is audited and the holder
// is told by e-mail in the same transaction; the e-mail links to the document, never carrying
// passport data.

/** The delegate asks for a visa support letter (events that collect visa support). */
export async function requestVisaLetter(
	actor: Actor,
	registration: Registration,
	event: Event
): Promise<number> {
	if (actor.id !== registration.user_id) throw new DomainError('forbidden', m.err_doc_not_yours());
	return await db()
		.transaction()
		.execute((trx) =>
			requestVisaLetterWithin(trx, {
				event,
				registration,
				requestedBy: actor.id,
				via: 'delegate',
				at: now()
			})
		);
}

/** Issues the chosen requested documents (one, many, or all of a kind at once). */
export async function issueDocuments(
	actor: Actor,
	eventId: number,
	documentIds: number[]
): Promise<number> {
	await assertCan(actor, eventId, 'documents.issue');
	if (documentIds.length === 0) {
		throw new DomainError('invalid', m.err_choose_request());
	}
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await findEventById(trx, eventId);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			const documents = await lockEventDocuments(trx, eventId, documentIds);
			let issued = 0;
			for (const kind of new Set(documents.map((d) => d.kind))) {
				issued += await issueWithin(
					trx,
					actor,
					event,
					documents.filter((d) => d.kind === kind)
				);
			}
			return issued;
		});
}

/** One document of the event, locked, or not found. */
async function lockOne(trx: Trx, eventId: number, id: number) {
	const [doc] = await lockEventDocuments(trx, eventId, [id]);
	if (!doc) throw new DomainError('not_found', m.err_no_document());
	return doc;
}

/** Voids an issued document (its number and code then verify as void), with a reason. */
export async function voidDocument(
	actor: Actor,
	eventId: number,
	id: number,
	reason: string
): Promise<void> {
	await assertCan(actor, eventId, 'documents.issue');
	await db()
		.transaction()
		.execute(async (trx) => {
			const doc = await lockOne(trx, eventId, id);
			if (doc.status === 'void') throw new DomainError('conflict', m.err_doc_void());
			await markVoid(trx, doc.id, { by: actor.id, at: now(), reason });
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: doc.status === 'requested' ? 'document.request_refused' : 'document.voided',
				entityType: 'document',
				entityId: doc.id,
				eventId,
				diff: { kind: doc.kind, number: doc.number, reason }
			});
			await enqueueEmails(trx, await voidedMails(trx, doc, reason));
		});
}

/** Who is told that a document was withdrawn: its holder, or a delegation's focal points. */
async function voidedMails(trx: Trx, doc: DocumentRow, reason: string): Promise<QueuedMail[]> {
	const event = (await findEventById(trx, doc.event_id))!;
	if (doc.registration_id === null) {
		const focalPoints = await listFocalPoints(trx, doc.event_id, doc.delegation_id ?? 0);
		return focalPoints.map((fp) => ({
			...delegationLetterVoidedMail({
				eventTitle: inLanguage(event, 'title', fp.language),
				number: doc.number ?? '',
				focalPointName: fp.name,
				delegation: delegationNaming(fp),
				reason,
				language: fp.language
			}),
			to: fp.email,
			template: `document.${doc.kind}.voided`,
			dedupeKey: `document-voided-${doc.id}-focal-point-${fp.id}`,
			eventId: doc.event_id
		}));
	}
	const [holder] = await findHolders(trx, [doc.registration_id]);
	return [
		{
			...documentVoidedMail({
				kind: doc.kind,
				eventTitle: inLanguage(event, 'title', holder.language),
				number: doc.number,
				personName: formalAddressIn(holder, holder.language),
				reason,
				documentsUrl: `/me/registrations/${holder.reference}/documents`,
				language: holder.language
			}),
			to: holder.email,
			template: `document.${doc.kind}.voided`,
			dedupeKey: `document-voided-${doc.id}`,
			eventId: doc.event_id,
			registrationId: holder.id
		}
	];
}

/**
 * Re-issues a document (e.g. after the passport number was corrected): the old number is voided
 * and a new one issued from the template in force, in one transaction.
 */
export async function reissueDocument(
	actor: Actor,
	eventId: number,
	id: number,
	addressee?: string
): Promise<number> {
	await assertCan(actor, eventId, 'documents.issue');
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await findEventById(trx, eventId);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			const old = await lockOne(trx, eventId, id);
			if (old.status !== 'issued') {
				throw new DomainError('conflict', m.err_reissue_issued_only());
			}
			await markVoid(trx, old.id, { by: actor.id, at: now(), reason: REISSUED });
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'document.voided',
				entityType: 'document',
				entityId: old.id,
				eventId,
				diff: { kind: old.kind, number: old.number, reason: REISSUED }
			});
			if (old.registration_id === null) {
				const [delegation] = await findDelegationsById(trx, eventId, [old.delegation_id ?? 0]);
				if (!delegation) throw new DomainError('not_found', m.err_no_delegation());
				await issueDelegationLettersWithin(trx, actor, event, [delegation], old.id);
				const [fresh] = await listDelegationLetters(trx, eventId, delegation.id);
				return fresh.id;
			}
			const { id: newId } = await insertDocumentRequest(trx, {
				eventId,
				registrationId: old.registration_id,
				kind: old.kind,
				addressee: addressee ?? old.addressee,
				requestedBy: actor.id,
				replaces: old.id,
				at: now()
			});
			await issueWithin(trx, actor, event, await lockEventDocuments(trx, eventId, [newId]));
			return newId;
		});
}

/** Changes whom a requested visa letter is addressed to. */
export async function setAddressee(
	actor: Actor,
	eventId: number,
	id: number,
	addressee: string
): Promise<void> {
	await assertCan(actor, eventId, 'documents.issue');
	await db()
		.transaction()
		.execute(async (trx) => {
			const doc = await lockOne(trx, eventId, id);
			if (doc.status !== 'requested') {
				throw new DomainError('conflict', m.err_letter_reissue());
			}
			await updateAddressee(trx, doc.id, addressee);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'document.addressee_changed',
				entityType: 'document',
				entityId: doc.id,
				eventId,
				diff: { addressee: [doc.addressee, addressee] }
			});
		});
}

/** The one document of a kind a registration holds in force, if any. */
export function activeDocument(registrationId: number, kind: DocumentKind) {
	return findActiveDocument(db(), registrationId, kind);
}
