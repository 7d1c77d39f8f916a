import type { Transaction } from 'kysely';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export type AuditEntry = {
	actorUserId: number | null;
	action: string;
	entityType: string;
	entityId: string | number;
	eventId?: number | null;
	diff?: Record<string, unknown>;
};

// Never written to the audit log, whatever a caller passes.
const REDACTED = new Set(['passport_number', 'passport_expiry', 'date_of_birth', 'password_hash']);

/** The value with personal secrets (passport fields, password hashes) replaced, at any depth. */
export function redact(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redact);
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, REDACTED.has(k) ? '[redacted]' : redact(v)])
		);
	}
	return value;
}

/** Appends one audit entry inside the caller's transaction; personal secrets are redacted. */
export async function writeAudit(
	trx: Transaction<Database> | DB,
	entry: AuditEntry
): Promise<void> {
	await trx
		.insertInto('audit_log')
		.values({
			at: now(),
			actor_user_id: entry.actorUserId,
			action: entry.action,
			entity_type: entry.entityType,
			entity_id: String(entry.entityId),
			event_id: entry.eventId ?? null,
			diff: JSON.stringify(redact(entry.diff ?? {}))
		})
		.execute();
}

/** The audit trail of one record, oldest first, with the actor's name. */
export async function listAudit(database: DB, entityType: string, entityId: string | number) {
	return database
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.actor_user_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.action',
			'audit_log.diff',
			'users.display_name as actor_name'
		])
		.where('audit_log.entity_type', '=', entityType)
		.where('audit_log.entity_id', '=', String(entityId))
		.orderBy('audit_log.id')
		.execute();
}
