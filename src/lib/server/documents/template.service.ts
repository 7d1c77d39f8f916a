import { createHash } from 'node:crypto';
import type { DocumentTemplateInput } from '../../schemas/document.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { sampleDelegationValues } from './delegation-letter-values.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import type { DocumentKind, DocumentTemplate, Event } from '../db/schema.ts';
import { m } from '../../paraglide/messages.js';
import { DomainError } from '../errors.ts';
import { insertFile } from '../files/file.repository.ts';
import { checkUpload, extensionFor } from '../files/upload-kind.ts';
import { defaultTemplate, documentKindText, NUMBER_PARTS } from './defaults.ts';
import {
	findCurrentTemplate,
	findEventImage,
	insertTemplateVersion
} from './template.repository.ts';
import { renderDocumentPdf, type LetterTemplate } from './document-pdf.ts';
import { sampleValues } from './document-values.ts';
import { placeholdersFor, unknownPlaceholders } from './placeholders.ts';

// Document templates: one per event and kind, each save a new version (documents name the
// version they were rendered from). Until an organizer saves one, the default applies.

export const IMAGE_RULE = {
	accept: ['image/png', 'image/jpeg'] as const,
	maxBytes: 2 * 1024 * 1024
};

export type TemplateView = LetterTemplate & {
	kind: DocumentKind;
	version: number | null;
	logo_file_id: number | null;
	signature_file_id: number | null;
};

/** The template in force: the newest saved version, else the default (version null). */
export async function templateInForce(
	event: Pick<Event, 'id' | 'title'>,
	kind: DocumentKind,
	executor: Parameters<typeof findCurrentTemplate>[0] = db()
): Promise<TemplateView> {
	const saved = await findCurrentTemplate(executor, event.id, kind);
	if (saved) return saved;
	const d = defaultTemplate(kind, event);
	return {
		kind,
		version: null,
		body_md: d.bodyMd,
		issuer_en: d.issuerEn,
		issuer_ja: d.issuerJa,
		issuer_address: d.issuerAddress,
		signatory_name: d.signatoryName,
		signatory_title: d.signatoryTitle,
		logo_file_id: null,
		signature_file_id: null
	};
}

/** The template of a kind for the editor, with the placeholders it may use. */
export async function templateForEditor(actor: Actor, event: Event, kind: DocumentKind) {
	await assertCan(actor, event.id, 'documents.templates');
	return {
		template: await templateInForce(event, kind),
		placeholders: placeholdersFor(kind).map((p) => ({
			name: p.name,
			description: p.description()
		})),
		label: documentKindText(kind)
	};
}

/** Refuses a body with a placeholder this kind does not know, naming each. */
export function assertKnownPlaceholders(body: string, kind: DocumentKind): void {
	const unknown = unknownPlaceholders(body, kind);
	if (unknown.length === 0) return;
	const names = unknown.map((u) => `{{${u}}}`).join(', ');
	throw new DomainError(
		'invalid',
		unknown.length === 1
			? m.tpl_unknown_placeholder({ names })
			: m.tpl_unknown_placeholders({ names }),
		'bodyMd'
	);
}

export type ImageUpload = { name: string; bytes: Uint8Array } | null;

/** The image's type when it is a PNG or JPEG of at most 2 MB; else a refusal beside its field. */
function checkedImage(upload: ImageUpload, field: 'logo' | 'signature') {
	if (!upload || upload.bytes.byteLength === 0) return null;
	const checked = checkUpload(upload.bytes, IMAGE_RULE);
	if (!checked.ok) {
		throw new DomainError('invalid', m.tpl_image_refused({ problem: checked.message }), field);
	}
	return { upload, type: checked.type };
}

async function storeImage(
	executor: Parameters<typeof insertFile>[0],
	actor: Actor,
	eventId: number,
	image: ReturnType<typeof checkedImage>,
	field: 'logo' | 'signature'
): Promise<number | null> {
	if (!image) return null;
	const { upload, type } = image;
	return insertFile(executor, {
		eventId,
		ownerUserId: actor.id,
		fileName: `${field}.${extensionFor(type)}`,
		contentType: type,
		bytes: upload.bytes,
		sha256: createHash('sha256').update(upload.bytes).digest(),
		at: now()
	});
}

/**
 * Saves a new version of a template: the body's placeholders are checked, a new logo or
 * signature image is checked by its bytes (PNG or JPEG, at most 2 MB), and the change is audited.
 */
export async function saveTemplate(
	actor: Actor,
	event: Event,
	kind: DocumentKind,
	input: DocumentTemplateInput,
	images: {
		logo: ImageUpload;
		signature: ImageUpload;
		removeLogo: boolean;
		removeSignature: boolean;
	}
): Promise<DocumentTemplate> {
	await assertCan(actor, event.id, 'documents.templates');
	assertKnownPlaceholders(input.bodyMd, kind);
	// Images are checked before anything is written: a refused image leaves the template as it was.
	const logoImage = checkedImage(images.logo, 'logo');
	const signatureImage = checkedImage(images.signature, 'signature');
	return db()
		.transaction()
		.execute(async (trx) => {
			const current = await templateInForce(event, kind, trx);
			const logo = await storeImage(trx, actor, event.id, logoImage, 'logo');
			const signature = await storeImage(trx, actor, event.id, signatureImage, 'signature');
			const saved = await insertTemplateVersion(trx, {
				eventId: event.id,
				kind,
				bodyMd: input.bodyMd,
				issuerEn: input.issuerEn,
				issuerJa: input.issuerJa ?? '',
				issuerAddress: input.issuerAddress ?? '',
				logoFileId: images.removeLogo ? null : (logo ?? current.logo_file_id),
				signatoryName: input.signatoryName,
				signatoryTitle: input.signatoryTitle ?? '',
				signatureFileId: images.removeSignature ? null : (signature ?? current.signature_file_id),
				createdBy: actor.id,
				at: now()
			});
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'document_template.saved',
				entityType: 'document_template',
				entityId: saved.id,
				eventId: event.id,
				diff: { kind, version: saved.version }
			});
			return saved;
		});
}

/** The logo and signature bytes of a template version. */
export async function templateImages(
	eventId: number,
	t: { logo_file_id: number | null; signature_file_id: number | null },
	executor: Parameters<typeof findEventImage>[0] = db()
) {
	const [logo, signature] = await Promise.all([
		t.logo_file_id ? findEventImage(executor, eventId, t.logo_file_id) : undefined,
		t.signature_file_id ? findEventImage(executor, eventId, t.signature_file_id) : undefined
	]);
	return { logo: logo?.bytes ?? null, signature: signature?.bytes ?? null };
}

/**
 * A specimen PDF of a template with sample data: the saved one, or the text being edited
 * (`draft`), whose placeholders are checked as on save.
 */
export async function previewTemplatePdf(
	actor: Actor,
	event: Event,
	kind: DocumentKind,
	draft?: DocumentTemplateInput
): Promise<Buffer> {
	await assertCan(actor, event.id, 'documents.templates');
	const saved = await templateInForce(event, kind);
	if (draft) assertKnownPlaceholders(draft.bodyMd, kind);
	const template: LetterTemplate = draft
		? {
				body_md: draft.bodyMd,
				issuer_en: draft.issuerEn,
				issuer_ja: draft.issuerJa ?? '',
				issuer_address: draft.issuerAddress ?? '',
				signatory_name: draft.signatoryName,
				signatory_title: draft.signatoryTitle ?? ''
			}
		: saved;
	const images = await templateImages(event.id, saved);
	return renderDocumentPdf({
		title: `${documentKindText(kind, 'en')} (specimen) — ${event.title}`,
		template,
		...images,
		values:
			kind === 'delegation_letter'
				? sampleDelegationValues(event, template.issuer_en)
				: sampleValues(kind, event, template.issuer_en),
		number: `${event.code}/${NUMBER_PARTS[kind]}/000`,
		dateText: 'Sample date',
		code: '000000000000',
		verifyUrl: `${config().origin}/verify`,
		issuedAt: new Date(0),
		specimen: true
	});
}
