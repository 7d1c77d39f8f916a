import { m } from '../../paraglide/messages.js';
import { fieldErrors } from '../../schemas/fields.ts';
import { focalPointSchema, type FocalPointInput } from '../../schemas/delegation.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { listDelegations } from '../events/event.repository.ts';
import { readCsvRows } from '../invitations/csv-import.ts';
import { findOrCreateUser } from '../users/user.repository.ts';
import { insertFocalPoint, listFocalPoints } from './focal-point.repository.ts';

// Focal points from a CSV file (delegation, name, email, organisation, phone): a preview with
// every fault of every row, then the valid rows added in one step.

export const FOCAL_POINT_COLUMNS = [
	'delegation',
	'name',
	'email',
	'organisation',
	'phone'
] as const;
type Column = (typeof FOCAL_POINT_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
	country: 'delegation',
	delegation_code: 'delegation',
	full_name: 'name',
	focal_point: 'name',
	e_mail: 'email',
	email_address: 'email',
	organization: 'organisation',
	ministry: 'organisation',
	telephone: 'phone',
	phone_number: 'phone'
};

function columnOf(cell: string): Column | null {
	const key = cell
		.normalize('NFC')
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
	const name = ALIASES[key] ?? key;
	return (FOCAL_POINT_COLUMNS as readonly string[]).includes(name) ? (name as Column) : null;
}

export type FocalPointPreviewRow = {
	row: number;
	delegation: string;
	name: string;
	email: string;
	problems: string[];
};

type Checked = FocalPointPreviewRow & { input?: FocalPointInput & { delegationId: number } };

async function check(eventId: number, bytes: Uint8Array): Promise<Checked[]> {
	const rows = readCsvRows(bytes);
	const header = rows[0].map(columnOf);
	const missing = (['delegation', 'name', 'email'] as const).filter((c) => !header.includes(c));
	if (missing.length) {
		throw new DomainError(
			'invalid',
			m.err_fp_columns({
				missing: missing.join(', '),
				example: FOCAL_POINT_COLUMNS.join(',')
			}),
			'file'
		);
	}
	const [delegations, existing] = await Promise.all([
		listDelegations(db(), eventId),
		listFocalPoints(db(), eventId)
	]);
	const taken = new Set(existing.map((f) => `${f.delegation_id}:${f.email}`));
	return rows.slice(1).map((cells, index) => {
		const value = (column: Column) => cells[header.indexOf(column)] ?? '';
		const raw = Object.fromEntries(FOCAL_POINT_COLUMNS.map((c) => [c, value(c)]));
		const problems: string[] = [];
		const key = raw.delegation.trim().toLowerCase();
		const delegation = delegations.find(
			(d) => d.code.toLowerCase() === key || d.name.toLowerCase() === key
		);
		if (!delegation) problems.push(m.fpi_unknown_delegation({ delegation: raw.delegation }));
		const parsed = focalPointSchema.safeParse(raw);
		if (!parsed.success) problems.push(...Object.values(fieldErrors(parsed.error)));
		let input: Checked['input'];
		if (parsed.success && delegation) {
			const pair = `${delegation.id}:${parsed.data.email}`;
			if (taken.has(pair)) problems.push(m.fpi_already_focal_point());
			else {
				taken.add(pair);
				input = { ...parsed.data, delegationId: delegation.id };
			}
		}
		return {
			row: index + 2,
			delegation: raw.delegation,
			name: raw.name,
			email: raw.email,
			problems,
			input: problems.length ? undefined : input
		};
	});
}

/** Every row of the file with its faults; nothing is stored. */
export async function previewFocalPoints(actor: Actor, eventId: number, bytes: Uint8Array) {
	await assertCan(actor, eventId, 'focal_points.manage');
	const rows = await check(eventId, bytes);
	return {
		rows: rows.map(({ input: _input, ...row }) => row),
		valid: rows.filter((r) => r.input).length
	};
}

/** Adds the valid rows of the file in one transaction; rows with faults are left out. */
export async function importFocalPoints(actor: Actor, eventId: number, bytes: Uint8Array) {
	await assertCan(actor, eventId, 'focal_points.manage');
	const rows = await check(eventId, bytes);
	const valid = rows.filter((r) => r.input);
	const at = now();
	await db()
		.transaction()
		.execute(async (trx) => {
			for (const { input } of valid) {
				const userId = await findOrCreateUser(trx, input!.email, input!.name);
				await insertFocalPoint(trx, {
					event_id: eventId,
					delegation_id: input!.delegationId,
					user_id: userId,
					name: input!.name,
					email: input!.email,
					organisation: input!.organisation ?? '',
					phone: input!.phone ?? '',
					created_at: at
				});
			}
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'focal_point.import',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { added: valid.length, left_out: rows.length - valid.length }
			});
		});
	return { added: valid.length, leftOut: rows.length - valid.length };
}
