import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { db, type DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findEventById, listDelegations } from '../events/event.repository.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import {
	parseInvitationCsv,
	validateRecords,
	type CsvColumn,
	type ParsedCsv,
	type PreviewRow
} from './csv-import.ts';
import { claimImport, findImport, insertImport } from './invitation-import.repository.ts';
import {
	findInvitedEmails,
	findRegisteredEmails,
	insertInvitations,
	knownLanguages,
	type NewInvitation
} from './invitation.repository.ts';
import { defaultExpiry, invitationOutboxRow } from './invitation.service.ts';

// CSV import in two steps: the upload is parsed and kept server-side; the organizer sees each
// row's verdict; on confirmation the kept rows are checked again and the valid ones created
// with one INSERT, their mails queued, all in one transaction.

/** How long an upload waits for confirmation. */
const IMPORT_TTL_MS = 60 * 60_000;

/** Parses an uploaded file and keeps its rows for the preview; returns the upload's id. */
export async function uploadInvitationCsv(
	actor: Actor,
	eventId: number,
	file: { name: string; bytes: Uint8Array }
): Promise<{ id: number }> {
	await assertCan(actor, eventId, 'invitations.manage');
	const parsed = parseInvitationCsv(file.bytes);
	const at = now();
	return insertImport(db(), {
		eventId,
		createdBy: actor.id,
		fileName: file.name.slice(0, 200),
		header: parsed.header,
		records: parsed.records,
		at,
		expiresAt: new Date(at.getTime() + IMPORT_TTL_MS)
	});
}

async function checkRows(executor: DB | Transaction<Database>, eventId: number, parsed: ParsedCsv) {
	const emailColumn = parsed.header.indexOf('email');
	const emails = [
		...new Set(
			parsed.records.map((r) => (r[emailColumn] ?? '').trim().toLowerCase()).filter(Boolean)
		)
	];
	return validateRecords(parsed, {
		delegations: await listDelegations(executor, eventId),
		invited: await findInvitedEmails(executor, eventId, emails),
		registered: await findRegisteredEmails(executor, eventId, emails)
	});
}

export type ImportPreview = {
	id: number;
	fileName: string;
	/** The upload's columns, in its order. */
	header: CsvColumn[];
	rows: PreviewRow[];
	valid: number;
	invalid: number;
	state: 'ready' | 'confirmed' | 'expired';
};

/** Each kept row with its verdict, checked against the event as it is now. */
export async function previewImport(
	actor: Actor,
	eventId: number,
	importId: number
): Promise<ImportPreview> {
	await assertCan(actor, eventId, 'invitations.manage');
	const upload = await findImport(db(), eventId, importId);
	if (!upload) throw new DomainError('not_found', m.err_upload_missing());
	const rows = await checkRows(db(), eventId, {
		header: upload.header as CsvColumn[],
		records: upload.records
	});
	const valid = rows.filter((r) => r.problems.length === 0).length;
	return {
		id: upload.id,
		fileName: upload.file_name,
		header: upload.header as CsvColumn[],
		rows,
		valid,
		invalid: rows.length - valid,
		state: upload.confirmed_at
			? 'confirmed'
			: new Date(upload.expires_at).getTime() <= now().getTime()
				? 'expired'
				: 'ready'
	};
}

/** Creates every valid row of a kept upload at once and queues one invitation mail per person. */
export async function confirmImport(
	actor: Actor,
	eventId: number,
	importId: number
): Promise<{ created: number; skipped: number }> {
	await assertCan(actor, eventId, 'invitations.manage');
	const at = now();
	return db()
		.transaction()
		.execute(async (trx) => {
			const upload = await claimImport(trx, eventId, importId, at);
			if (!upload) {
				throw new DomainError('conflict', m.err_upload_used());
			}
			const event = await findEventById(trx, eventId);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			const checked = await checkRows(trx, eventId, {
				header: upload.header as CsvColumn[],
				records: upload.records
			});
			const expiresAt = defaultExpiry(event, at);
			const delegations = new Map((await listDelegations(trx, eventId)).map((d) => [d.id, d]));
			const tokens = new Map<string, string>();
			const rows: NewInvitation[] = [];
			for (const { input } of checked) {
				if (!input) continue;
				const token = randomToken();
				tokens.set(input.email, token);
				rows.push({
					email: input.email,
					honorific: input.honorific ?? null,
					given_name: input.givenName ?? null,
					family_name: input.familyName,
					delegation_id: input.delegationId,
					organisation: input.organisation ?? '',
					position: input.position ?? '',
					category: input.category,
					personal_message: input.personalMessage ?? '',
					token_hash: hashToken(token),
					status: 'sent',
					expires_at: expiresAt,
					sent_at: at
				});
			}
			const created = await insertInvitations(trx, eventId, actor.id, rows, at);
			const byEmail = new Map(rows.map((r) => [r.email, r]));
			const languages = await knownLanguages(
				trx,
				created.map((c) => c.email)
			);
			await enqueueEmails(
				trx,
				created.map(({ id, email }) => {
					const row = byEmail.get(email)!;
					return invitationOutboxRow(
						event,
						{ id, ...row, language: languages.get(email) },
						delegations.get(row.delegation_id) ?? null,
						tokens.get(email)!,
						'invitation',
						`invitation-${id}`
					);
				})
			);
			const skipped = checked.length - created.length;
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'invitations.imported',
				entityType: 'invitation_import',
				entityId: importId,
				eventId,
				diff: { file: upload.file_name, created: created.length, skipped }
			});
			return { created: created.length, skipped };
		});
}
