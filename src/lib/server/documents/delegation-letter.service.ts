import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { delegationOfRow } from '../registrations/person-columns.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { DocumentRow, Event } from '../db/schema.ts';
import { listFocalPoints } from '../delegations/focal-point.repository.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import { enqueueEmails, type QueuedMail } from '../mail/outbox.ts';
import { voidReasonText } from './defaults.ts';
import { addressed, delegationSnapshot } from './delegation-letter-values.ts';
import { delegationLetterMail } from './document.mail.ts';
import {
	findDelegationLetterCandidates,
	insertDocumentRequest,
	listCategoryQuotas,
	listDelegationLetters
} from './document.repository.ts';
import { issuedDocumentPdf } from './document-access.service.ts';
import { stampDocument, templateRow, type Trx } from './document-issue.ts';
import { dayIn } from './document-values.ts';
import { templateImages } from './template.service.ts';
import { formatCode } from './verification-code.ts';

// The letter of invitation to a delegation, addressed to its focal point(s): the places it may
// fill by category, the event and the nomination deadline. Issued by the organizer or the
// secretariat, numbered per event (HLOM6/DEL/003), verifiable like every document, e-mailed to
// the focal points with the PDF attached (it holds no passport data) and on their delegation page.

type Delegation = { id: number; name: string; quota: number | null };

/**
 * Issues the letter to each delegation named (or, with `null`, to every delegation with a focal
 * point and no letter in force), in one transaction; returns how many were issued.
 */
export async function issueDelegationLetters(
	actor: Actor,
	eventId: number,
	delegationIds: number[] | null
): Promise<number> {
	await assertCan(actor, eventId, 'documents.issue');
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const event = await findEventById(trx, eventId);
				if (!event) throw new DomainError('not_found', m.err_no_event());
				const targets = await findDelegationLetterCandidates(trx, eventId, delegationIds);
				if (delegationIds && targets.length < new Set(delegationIds).size) {
					throw new DomainError('conflict', m.err_letter_no_fp_or_held());
				}
				return issueDelegationLettersWithin(trx, actor, event, targets);
			});
	} catch (error) {
		if (isUniqueViolation(error, 'documents_one_active_delegation_idx')) {
			throw new DomainError('conflict', m.err_letter_race());
		}
		throw error;
	}
}

/** Issues a letter to each delegation given, inside the caller's transaction. */
export async function issueDelegationLettersWithin(
	trx: Trx,
	actor: Actor,
	event: Event,
	delegations: Delegation[],
	replaces: number | null = null
): Promise<number> {
	if (delegations.length === 0) return 0;
	const ids = delegations.map((d) => d.id);
	const template = await templateRow(trx, event, 'delegation_letter', actor.id);
	const [images, focalPoints, quotas] = await Promise.all([
		templateImages(event.id, template, trx),
		listFocalPoints(trx, event.id),
		listCategoryQuotas(trx, ids)
	]);
	const at = now();
	const issuedOn = dayIn(at, event.time_zone);
	const mails: QueuedMail[] = [];
	for (const delegation of delegations) {
		const addressees = focalPoints.filter((f) => f.delegation_id === delegation.id);
		if (addressees.length === 0) {
			throw new DomainError('conflict', m.err_letter_no_fp({ delegation: delegation.name }));
		}
		const { id } = await insertDocumentRequest(trx, {
			eventId: event.id,
			registrationId: null,
			delegationId: delegation.id,
			kind: 'delegation_letter',
			addressee: addressed(addressees).slice(0, 300),
			requestedBy: actor.id,
			replaces,
			at
		});
		const { number, pdf } = await stampDocument(trx, actor, event, template, images, at, {
			id,
			kind: 'delegation_letter',
			valuesFor: (number) =>
				delegationSnapshot({
					delegation: {
						name: delegation.name,
						quota: delegation.quota,
						quotas: quotas.filter((q) => q.delegation_id === delegation.id),
						focalPoints: addressees
					},
					event,
					issuerEn: template.issuer_en,
					number,
					issuedOn
				}),
			visa: null,
			audit: { delegation: delegation.name }
		});
		for (const fp of addressees) {
			mails.push({
				...delegationLetterMail({
					eventTitle: inLanguage(event, 'title', fp.language),
					number,
					focalPointName: fp.name,
					delegation,
					pdf,
					language: fp.language
				}),
				to: fp.email,
				template: 'document.delegation_letter.issued',
				dedupeKey: `document-issued-${id}-focal-point-${fp.id}`,
				eventId: event.id
			});
		}
	}
	await enqueueEmails(trx, mails);
	return delegations.length;
}

/** The PDF of an issued (or voided) letter to a delegation, rendered from what it stores. */
export async function delegationLetterPdf(doc: DocumentRow, event: Event) {
	if (doc.kind !== 'delegation_letter') throw new DomainError('not_found', m.err_no_letter());
	return issuedDocumentPdf(doc, event, null);
}

/** The letters to delegations as the secretariat sees them, and the delegations still without one. */
export async function delegationLettersOverview(actor: Actor, event: Event) {
	await assertCan(actor, event.id, 'documents.issue');
	const [letters, waiting] = await Promise.all([
		listDelegationLetters(db(), event.id),
		findDelegationLetterCandidates(db(), event.id, null)
	]);
	const locale = getLocale();
	return {
		letters: letters.map((d) => ({
			id: d.id,
			status: d.status,
			reissued: d.replaces_document_id !== null,
			number: d.number,
			code: d.verification_code ? formatCode(d.verification_code) : null,
			issuedAt: d.issued_at,
			voidReason: voidReasonText(d.void_reason),
			delegation: delegationOfRow(d, locale),
			addressee: (d.snapshot as Record<string, string> | null)?.['focal_point.name'] ?? ''
		})),
		waiting: waiting.map((d) => ({ id: d.id, name: delegationNameIn(d, locale) }))
	};
}

/** One delegation's letters of invitation (newest first), for the secretariat's delegation page. */
export async function lettersOfDelegation(actor: Actor, eventId: number, delegationId: number) {
	await assertCan(actor, eventId, 'documents.issue');
	const rows = await listDelegationLetters(db(), eventId, delegationId);
	return rows.map((d) => ({ id: d.id, status: d.status, number: d.number ?? '' }));
}
