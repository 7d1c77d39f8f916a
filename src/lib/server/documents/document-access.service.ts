import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { delegationOfRow } from '../registrations/person-columns.ts';
import { formalAddressJa, listName } from '../../domain/person-name.ts';
import { inLanguage } from '../../domain/translations.ts';
import { countryNameIn } from '../../countries.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { DocumentKind, DocumentRow, Event, Registration } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { decryptVisaData } from '../privacy/pii.ts';
import { signCredential } from './credential.ts';
import { documentFileName, documentKindText, voidReasonText } from './defaults.ts';
import { certificateMail } from './document.mail.ts';
import {
	countDocuments,
	findDocument,
	listEventDocuments,
	listRegistrationDocuments
} from './document.repository.ts';
import { findTemplateById } from './template.repository.ts';
import { renderStored } from './document-render.ts';
import { holderName, longDayRange } from './document-values.ts';
import { templateImages } from './template.service.ts';
import { formatCode } from './verification-code.ts';

// Reading documents: the secretariat's queue, the PDF of an issued document (for staff, audited
// when it holds passport data; for its holder), the holder's list on /me, and the signed
// credential beside each PDF.

export type Download = { file_name: string; content_type: string; bytes: Uint8Array };

/**
 * The PDF of an issued (or voided) document, rendered from what it stores; passport data is
 * decrypted only for this rendering. `registration` is its holder (null for a delegation's letter).
 */
export async function issuedDocumentPdf(
	doc: DocumentRow,
	event: Event,
	registration: Pick<Registration, 'visa_data_enc'> | null
) {
	if (doc.status === 'requested' || !doc.template_id || !doc.number || !doc.verification_code) {
		throw new DomainError('not_found', m.err_doc_not_issued());
	}
	const visaData = doc.kind === 'visa_letter' ? registration?.visa_data_enc : null;
	if (doc.kind === 'visa_letter' && !visaData) {
		// Deleted on request or after the retention period: the letter cannot be printed again.
		throw new DomainError('not_found', m.err_doc_passport_deleted());
	}
	const template = await findTemplateById(db(), doc.template_id);
	if (!template) throw new DomainError('not_found', m.err_no_document());
	const pdf = await renderStored({
		event,
		template,
		images: await templateImages(event.id, template),
		kind: doc.kind,
		number: doc.number,
		code: doc.verification_code,
		issuedAt: doc.issued_at!,
		snapshot: doc.snapshot as Record<string, string>,
		visa: visaData ? decryptVisaData(visaData) : null
	});
	return {
		file_name: documentFileName(doc.number, 'pdf'),
		content_type: 'application/pdf',
		bytes: pdf
	};
}

/** The secretariat's view of the event's documents: the visa queue and the certificates. */
export async function documentsOverview(actor: Actor, event: Event) {
	await assertCan(actor, event.id, 'documents.issue');
	const [visa, certificates, invitations, counts] = await Promise.all([
		listEventDocuments(db(), event.id, 'visa_letter', ['requested', 'issued', 'void']),
		listEventDocuments(db(), event.id, 'certificate', ['issued', 'void']),
		listEventDocuments(db(), event.id, 'invitation_letter', ['issued', 'void']),
		countDocuments(db(), event.id)
	]);
	const locale = getLocale();
	const row = (d: (typeof visa)[number]) => ({
		id: d.id,
		status: d.status,
		reissued: d.replaces_document_id !== null,
		number: d.number,
		addressee: d.addressee,
		code: d.verification_code ? formatCode(d.verification_code) : null,
		requestedAt: d.requested_at,
		issuedAt: d.issued_at,
		voidReason: voidReasonText(d.void_reason),
		reference: d.reference,
		name: listName(d),
		nationality: d.nationality ? countryNameIn(d.nationality, locale) : '',
		delegation: delegationOfRow(d, locale)
	});
	const count = (kind: DocumentKind, status: string) =>
		Number(counts.find((c) => c.kind === kind && c.status === status)?.n ?? 0);
	return {
		visa: visa.map(row),
		certificates: certificates.map(row),
		invitations: invitations.map(row),
		counts: {
			requested: count('visa_letter', 'requested'),
			issued: count('visa_letter', 'issued'),
			void: count('visa_letter', 'void'),
			certificates: count('certificate', 'issued'),
			invitations: count('invitation_letter', 'issued')
		}
	};
}

/** A document's PDF for a member of staff; a visa letter's download is audited (passport data). */
export async function staffDocumentPdf(
	actor: Actor,
	eventId: number,
	id: number
): Promise<Download> {
	await assertCan(actor, eventId, 'documents.issue');
	const doc = await findDocument(db(), id);
	if (!doc || doc.event_id !== eventId) throw new DomainError('not_found', m.err_no_document());
	const [event, registration] = await Promise.all([
		findEventById(db(), eventId),
		// A delegation's letter has no holder row (and states no passport data).
		doc.registration_id === null
			? { visa_data_enc: null }
			: db()
					.selectFrom('registrations')
					.select('visa_data_enc')
					.where('id', '=', doc.registration_id)
					.executeTakeFirst()
	]);
	if (!event || !registration) throw new DomainError('not_found', m.err_no_document());
	const file = await issuedDocumentPdf(doc, event, registration);
	if (doc.kind === 'visa_letter') {
		await writeAudit(db(), {
			actorUserId: actor.id,
			action: 'document.downloaded',
			entityType: 'document',
			entityId: doc.id,
			eventId,
			diff: { number: doc.number }
		});
	}
	return file;
}

/** The holder's own documents, newest first (void ones shown as void, without a download). */
export async function ownDocuments(registration: Registration) {
	const rows = await listRegistrationDocuments(db(), registration.id);
	return rows.map((d) => ({
		id: d.id,
		kind: d.kind,
		label: documentKindText(d.kind),
		status: d.status,
		number: d.number,
		code: d.verification_code ? formatCode(d.verification_code) : null,
		requestedAt: d.requested_at,
		issuedAt: d.issued_at
	}));
}

async function ownIssued(registration: Registration, id: number) {
	const doc = await findDocument(db(), id);
	if (!doc || doc.registration_id !== registration.id || doc.status !== 'issued') {
		throw new DomainError('not_found', m.err_no_document());
	}
	return doc;
}

/** The holder's PDF of one of their issued documents. */
export async function ownDocumentPdf(registration: Registration, event: Event, id: number) {
	return issuedDocumentPdf(await ownIssued(registration, id), event, registration);
}

/** The signed credential of one of the holder's issued documents. */
export async function ownCredential(registration: Registration, event: Event, id: number) {
	return credentialOf(await ownIssued(registration, id), event);
}

/** The signed credential of an issued document, from what it stores (no passport data). */
export async function credentialOf(doc: DocumentRow, event: Event) {
	const template = await findTemplateById(db(), doc.template_id!);
	const snapshot = doc.snapshot as Record<string, string>;
	return {
		fileName: documentFileName(doc.number!, 'vc.jwt'),
		jws: signCredential({
			code: doc.verification_code!,
			kind: doc.kind,
			kindLabel: documentKindText(doc.kind, 'en'),
			number: doc.number!,
			holderName: holderName(snapshot),
			eventTitle: event.title,
			eventDates: longDayRange(event.starts_on, event.ends_on),
			issuerName: template?.issuer_en ?? event.title,
			issuedAt: doc.issued_at!
		})
	};
}

/** E-mails the holder their certificate of attendance, attached (it holds no passport data). */
export async function emailOwnCertificate(registration: Registration, event: Event, id: number) {
	const doc = await ownIssued(registration, id);
	if (doc.kind !== 'certificate') {
		throw new DomainError('invalid', m.err_only_certificate_mail());
	}
	const file = await issuedDocumentPdf(doc, event, registration);
	const snapshot = doc.snapshot as Record<string, string>;
	await enqueueEmail(db(), {
		...certificateMail({
			eventTitle: inLanguage(event, 'title', registration.language),
			number: doc.number!,
			personName:
				registration.language === 'ja'
					? formalAddressJa(registration)
					: (snapshot['delegate.formal_name'] ?? ''),
			pdf: file.bytes,
			language: registration.language
		}),
		to: registration.email,
		template: 'document.certificate.sent',
		// One message per day and document: a second click the same day sends nothing twice.
		dedupeKey: `certificate-sent-${doc.id}-${new Date().toISOString().slice(0, 10)}`,
		eventId: event.id,
		registrationId: registration.id
	});
}
