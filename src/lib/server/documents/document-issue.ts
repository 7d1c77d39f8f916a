import { inLanguage } from '../../domain/translations.ts';
import { createHash } from 'node:crypto';
import { formalAddressJa } from '../../domain/person-name.ts';
import { runningNumber } from '../../domain/reference.ts';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import type { Database, DocumentKind, DocumentRow, DocumentTemplate, Event } from '../db/schema.ts';
import { enqueueEmails, type QueuedMail } from '../mail/outbox.ts';
import { decryptVisaData, type VisaData } from '../privacy/pii.ts';
import { NUMBER_PARTS } from './defaults.ts';
import { listFocalPoints } from '../delegations/focal-point.repository.ts';
import { delegationNaming } from '../registrations/person-columns.ts';
import { documentIssuedMail, visaLetterForFocalPointMail } from './document.mail.ts';
import { findHolders, markIssued, nextSerial } from './document.repository.ts';
import { findCurrentTemplate, insertTemplateVersion } from './template.repository.ts';
import { renderStored, type StoredInputs } from './document-render.ts';
import { dayIn, snapshotValues, type Holder } from './document-values.ts';
import { templateImages, templateInForce } from './template.service.ts';
import { newVerificationCode } from './verification-code.ts';

// The one way a document is issued: the next number of its kind, a verification code, the template
// version in force, its PDF rendered once for the hash, an audit entry and the holder's e-mail.

export type Trx = Transaction<Database>;

/** The saved template version in force, saving the default as version 1 when none was saved. */
export async function templateRow(trx: Trx, event: Event, kind: DocumentKind, actorId: number) {
	const saved = await findCurrentTemplate(trx, event.id, kind);
	if (saved) return saved;
	const t = await templateInForce(event, kind, trx);
	return insertTemplateVersion(trx, {
		eventId: event.id,
		kind,
		bodyMd: t.body_md,
		issuerEn: t.issuer_en,
		issuerJa: t.issuer_ja,
		issuerAddress: t.issuer_address,
		logoFileId: null,
		signatoryName: t.signatory_name,
		signatoryTitle: t.signatory_title,
		signatureFileId: null,
		createdBy: actorId,
		at: now()
	});
}

type TemplateImages = StoredInputs['images'];

/** One requested document to issue: its values once its number is known, and passport data. */
type ToStamp = {
	id: number;
	kind: DocumentKind;
	valuesFor: (number: string) => Record<string, string>;
	visa: VisaData | null;
	/** What the audit entry names beside kind, number and template version. */
	audit: Record<string, unknown>;
};

/**
 * Issues one requested document inside the caller's transaction: the next number of its kind, a
 * verification code, its PDF rendered once to keep its hash (a later download renders the same
 * bytes from the same inputs), the document marked issued and the audit entry.
 */
export async function stampDocument(
	trx: Trx,
	actor: Actor,
	event: Event,
	template: DocumentTemplate,
	images: TemplateImages,
	at: Date,
	doc: ToStamp
): Promise<{ number: string; snapshot: Record<string, string>; pdf: Buffer }> {
	const serial = await nextSerial(trx, event.id, doc.kind);
	const number = `${event.code}/${NUMBER_PARTS[doc.kind]}/${runningNumber(serial)}`;
	const code = newVerificationCode();
	const snapshot = doc.valuesFor(number);
	const pdf = await renderStored({
		event,
		template,
		images,
		kind: doc.kind,
		number,
		code,
		issuedAt: at,
		snapshot,
		visa: doc.visa
	});
	await markIssued(trx, doc.id, {
		serial,
		number,
		code,
		templateId: template.id,
		snapshot,
		pdfSha256: createHash('sha256').update(pdf).digest(),
		by: actor.id,
		at
	});
	await writeAudit(trx, {
		actorUserId: actor.id,
		action: 'document.issued',
		entityType: 'document',
		entityId: doc.id,
		eventId: event.id,
		diff: { kind: doc.kind, number, ...doc.audit, template_version: template.version }
	});
	return { number, snapshot, pdf };
}

/** Issues requested documents of one kind in one transaction; returns how many were issued. */
export async function issueWithin(
	trx: Trx,
	actor: Actor,
	event: Event,
	documents: DocumentRow[]
): Promise<number> {
	// Documents a person holds; a delegation's letter is issued at once (delegation-letter.service.ts).
	const waiting = documents.filter(
		(d): d is DocumentRow & { registration_id: number } =>
			d.status === 'requested' && d.registration_id !== null
	);
	if (waiting.length === 0) return 0;
	const kind = waiting[0].kind;
	const template = await templateRow(trx, event, kind, actor.id);
	const holders = new Map(
		(
			await findHolders(
				trx,
				waiting.map((d) => d.registration_id)
			)
		).map((h) => [h.id, h])
	);
	const images = await templateImages(event.id, template, trx);
	const at = now();
	const issuedOn = dayIn(at, event.time_zone);
	const mails: QueuedMail[] = [];
	const focalPoints = kind === 'visa_letter' ? await listFocalPoints(trx, event.id) : [];
	for (const doc of waiting) {
		const holder = holders.get(doc.registration_id)!;
		const { number, snapshot } = await stampDocument(trx, actor, event, template, images, at, {
			id: doc.id,
			kind,
			valuesFor: (number) =>
				snapshotValues({
					kind,
					holder: holder as Holder,
					event,
					issuerEn: template.issuer_en,
					number,
					issuedOn,
					addressee: doc.addressee
				}),
			// Passport data decrypted for this rendering only.
			visa:
				kind === 'visa_letter' && holder.visa_data_enc
					? decryptVisaData(holder.visa_data_enc)
					: null,
			audit: { reference: holder.reference }
		});
		// A visa letter is also told to the focal points of the holder's delegation (DESIGN §12).
		for (const fp of kind === 'visa_letter'
			? focalPoints.filter((f) => f.delegation_id === holder.delegation_id)
			: []) {
			mails.push({
				...visaLetterForFocalPointMail({
					eventTitle: inLanguage(event, 'title', fp.language),
					number,
					focalPointName: fp.name,
					personName: snapshot['delegate.formal_name'],
					delegation: delegationNaming(fp),
					language: fp.language
				}),
				to: fp.email,
				template: 'document.visa_letter.focal_point',
				dedupeKey: `document-issued-${doc.id}-focal-point-${fp.id}`,
				eventId: event.id
			});
		}
		mails.push({
			...documentIssuedMail({
				kind,
				eventTitle: inLanguage(event, 'title', holder.language),
				number,
				personName:
					holder.language === 'ja' ? formalAddressJa(holder) : snapshot['delegate.formal_name'],
				documentsUrl: `/me/registrations/${holder.reference}/documents`,
				language: holder.language
			}),
			to: holder.email,
			template: `document.${kind}.issued`,
			dedupeKey: `document-issued-${doc.id}`,
			eventId: event.id,
			registrationId: holder.id
		});
	}
	await enqueueEmails(trx, mails);
	return waiting.length;
}
