import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, DocumentKind } from '../db/schema.ts';

// SQL of document templates (immutable versions) and the images they print.

type Executor = DB | Transaction<Database>;

/** The template version in force for an event and kind (the newest), if any was saved. */
export function findCurrentTemplate(executor: Executor, eventId: number, kind: DocumentKind) {
	return executor
		.selectFrom('document_templates')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('kind', '=', kind)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export function findTemplateById(executor: Executor, id: number) {
	return executor
		.selectFrom('document_templates')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
}

export type NewTemplateVersion = {
	eventId: number;
	kind: DocumentKind;
	bodyMd: string;
	issuerEn: string;
	issuerJa: string;
	issuerAddress: string;
	logoFileId: number | null;
	signatoryName: string;
	signatoryTitle: string;
	signatureFileId: number | null;
	createdBy: number | null;
	at: Date;
};

/** Adds the next version of a template; returns the new row. */
export function insertTemplateVersion(executor: Executor, t: NewTemplateVersion) {
	return executor
		.insertInto('document_templates')
		.values((eb) => ({
			event_id: t.eventId,
			kind: t.kind,
			version: eb
				.selectFrom('document_templates')
				.select(sql<number>`coalesce(max(version), 0) + 1`.as('v'))
				.where('event_id', '=', t.eventId)
				.where('kind', '=', t.kind),
			body_md: t.bodyMd,
			issuer_en: t.issuerEn,
			issuer_ja: t.issuerJa,
			issuer_address: t.issuerAddress,
			logo_file_id: t.logoFileId,
			signatory_name: t.signatoryName,
			signatory_title: t.signatoryTitle,
			signature_file_id: t.signatureFileId,
			created_by: t.createdBy,
			created_at: t.at
		}))
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** An image stored for this event (a logo or a signature), by id. */
export function findEventImage(executor: Executor, eventId: number, fileId: number) {
	return executor
		.selectFrom('files')
		.select(['id', 'bytes', 'content_type'])
		.where('id', '=', fileId)
		.where('event_id', '=', eventId)
		.where('content_type', 'in', ['image/png', 'image/jpeg'])
		.executeTakeFirst();
}
