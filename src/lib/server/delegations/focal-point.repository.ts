import { DELEGATION_NAME_COLUMNS } from '../registrations/person-columns.ts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Category, Database, LetterStatus } from '../db/schema.ts';
import { ACTIVE_STATUSES } from '../../domain/registration-status.ts';

// The SQL of delegations run by focal points: focal points and their links, quotas per
// category, the head of each delegation, nomination letters, and what a delegation has nominated.

type Executor = DB | Transaction<Database>;

/** Registration states that hold a nomination (a seat taken or asked for). */
export const HOLDING = ACTIVE_STATUSES;

export type NewFocalPoint = {
	event_id: number;
	delegation_id: number;
	user_id: number;
	name: string;
	email: string;
	organisation: string;
	phone: string;
	created_at: Date;
};

export function insertFocalPoint(executor: Executor, row: NewFocalPoint) {
	return executor.insertInto('focal_points').values(row).returningAll().executeTakeFirstOrThrow();
}

export function deleteFocalPoint(executor: Executor, eventId: number, id: number) {
	return executor
		.deleteFrom('focal_points')
		.where('event_id', '=', eventId)
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirst();
}

/** The focal points of an event (or of some of its delegations), by delegation order. */
export function listFocalPoints(executor: Executor, eventId: number, delegationId?: number) {
	let query = executor
		.selectFrom('focal_points as f')
		.innerJoin('delegations as d', 'd.id', 'f.delegation_id')
		.selectAll('f')
		.select(['d.code as delegation_code', ...DELEGATION_NAME_COLUMNS])
		.where('f.event_id', '=', eventId);
	if (delegationId !== undefined) query = query.where('f.delegation_id', '=', delegationId);
	return query.orderBy('d.sort_order').orderBy('d.name').orderBy('f.id').execute();
}

export function findFocalPoint(executor: Executor, eventId: number, id: number) {
	return executor
		.selectFrom('focal_points')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function insertFocalPointLinks(
	executor: Executor,
	rows: Array<{
		focal_point_id: number;
		token_hash: Uint8Array;
		created_at: Date;
		expires_at: Date;
	}>
) {
	if (rows.length > 0) await executor.insertInto('focal_point_links').values(rows).execute();
}

/** The focal point a link belongs to, with its event and delegation; null for an unknown link. */
export function findByLinkHash(executor: Executor, hash: Uint8Array) {
	return executor
		.selectFrom('focal_point_links as l')
		.innerJoin('focal_points as f', 'f.id', 'l.focal_point_id')
		.select([
			'l.id as link_id',
			'l.used_at',
			'l.expires_at',
			'f.id',
			'f.event_id',
			'f.delegation_id',
			'f.user_id',
			'f.name',
			'f.email',
			'f.language'
		])
		.where('l.token_hash', '=', hash)
		.executeTakeFirst();
}

/**
 * Remembers the language of the page a focal point acted on: their next mails are written in it.
 * Writes only when it changed, so acting in the same language leaves the row alone.
 */
export async function setFocalPointLanguage(executor: Executor, id: number, language: string) {
	await executor
		.updateTable('focal_points')
		.set({ language })
		.where('id', '=', id)
		.where('language', '<>', language)
		.execute();
}

/** Marks a link used, once and only while it runs; the focal point's id, or undefined. */
export async function consumeFocalPointLink(
	trx: Transaction<Database>,
	hash: Uint8Array,
	at: Date
) {
	const row = await trx
		.updateTable('focal_point_links')
		.set({ used_at: at })
		.where('token_hash', '=', hash)
		.where('used_at', 'is', null)
		.where('expires_at', '>', at)
		.returning('focal_point_id')
		.executeTakeFirst();
	return row?.focal_point_id;
}

/** Stamps the focal points a call (or a reminder) went to. */
export function markMailed(
	executor: Executor,
	ids: number[],
	column: 'called_at' | 'reminded_at',
	at: Date
) {
	if (ids.length === 0) return Promise.resolve();
	return executor
		.updateTable('focal_points')
		.set({ [column]: at })
		.where('id', 'in', ids)
		.execute();
}

/**
 * Claims the focal points due for the automatic reminder (the deadline is within their event's
 * reminder days and still ahead, none sent yet): one statement, so two workers never both send.
 */
export function claimAutoReminders(trx: Transaction<Database>, at: Date) {
	return trx
		.updateTable('focal_points as f')
		.from('events as e')
		.set({ auto_reminded_at: at })
		.whereRef('e.id', '=', 'f.event_id')
		.where('f.auto_reminded_at', 'is', null)
		.where('f.called_at', 'is not', null)
		.where('e.nomination_deadline', '>', at)
		.where('e.nomination_reminder_days', 'is not', null)
		.where(
			sql<boolean>`e.nomination_deadline - make_interval(days => e.nomination_reminder_days) <= ${at}`
		)
		.where('e.status', 'in', ['published', 'draft'])
		.returning(['f.id', 'f.event_id', 'f.delegation_id'])
		.execute();
}

// Quotas per category ----------------------------------------------------------------------

export function listCategoryQuotas(executor: Executor, eventId: number, delegationId?: number) {
	let query = executor
		.selectFrom('delegation_quotas as q')
		.innerJoin('delegations as d', 'd.id', 'q.delegation_id')
		.select(['q.delegation_id', 'q.category', 'q.quota'])
		.where('d.event_id', '=', eventId);
	if (delegationId !== undefined) query = query.where('q.delegation_id', '=', delegationId);
	return query.execute();
}

export async function replaceCategoryQuotas(
	trx: Transaction<Database>,
	delegationId: number,
	quotas: Array<{ category: Category; quota: number }>
) {
	await trx.deleteFrom('delegation_quotas').where('delegation_id', '=', delegationId).execute();
	if (quotas.length === 0) return;
	await trx
		.insertInto('delegation_quotas')
		.values(quotas.map((q) => ({ delegation_id: delegationId, ...q })))
		.execute();
}

/**
 * What each delegation of an event holds per category: registrations that hold or ask for a
 * seat, and invitations still open (sent, not answered, not expired). Counted from the rows
 * themselves: under the event lock the answer cannot change before the caller's commit.
 */
export async function countNominations(
	executor: Executor,
	eventId: number,
	at: Date,
	delegationId?: number
) {
	const registrations = executor
		.selectFrom('registrations')
		.select([
			'delegation_id',
			'category',
			sql<number>`count(*)::int`.as('registered'),
			sql<number>`count(*) filter (where status = 'confirmed')::int`.as('confirmed'),
			sql<number>`0`.as('invited')
		])
		.where('event_id', '=', eventId)
		.where('status', 'in', HOLDING)
		.$if(delegationId !== undefined, (q) => q.where('delegation_id', '=', delegationId!))
		.groupBy(['delegation_id', 'category']);
	const invitations = executor
		.selectFrom('invitations')
		.select([
			sql<number>`delegation_id`.as('delegation_id'),
			'category',
			sql<number>`0`.as('registered'),
			sql<number>`0`.as('confirmed'),
			sql<number>`count(*)::int`.as('invited')
		])
		.where('event_id', '=', eventId)
		.where('status', 'in', ['pending', 'sent'])
		.where('expires_at', '>', at)
		.where('delegation_id', 'is not', null)
		.$if(delegationId !== undefined, (q) => q.where('delegation_id', '=', delegationId!))
		.groupBy(['delegation_id', 'category']);
	return registrations.unionAll(invitations).execute();
}

// Heads of delegation ----------------------------------------------------------------------

export function findHead(executor: Executor, delegationId: number) {
	return executor
		.selectFrom('delegation_heads')
		.selectAll()
		.where('delegation_id', '=', delegationId)
		.executeTakeFirst();
}

export function setHead(
	trx: Transaction<Database>,
	row: {
		delegation_id: number;
		registration_id: number;
		designated_by: number;
		designated_at: Date;
	}
) {
	return trx
		.insertInto('delegation_heads')
		.values(row)
		.onConflict((oc) =>
			oc.column('delegation_id').doUpdateSet({
				registration_id: row.registration_id,
				designated_by: row.designated_by,
				designated_at: row.designated_at
			})
		)
		.execute();
}

/** Names a delegation's head unless it has one. */
export function nameFirstHead(
	trx: Transaction<Database>,
	delegationId: number,
	registrationId: number,
	by: number,
	at: Date
) {
	return trx
		.insertInto('delegation_heads')
		.values({
			delegation_id: delegationId,
			registration_id: registrationId,
			designated_by: by,
			designated_at: at
		})
		.onConflict((oc) => oc.column('delegation_id').doNothing())
		.execute();
}

/** The named heads of an event's delegations, with their registration's state. */
export function listHeads(executor: Executor, eventId: number) {
	return executor
		.selectFrom('delegation_heads as h')
		.innerJoin('registrations as r', 'r.id', 'h.registration_id')
		.select([
			'h.delegation_id',
			'h.registration_id',
			'r.reference',
			'r.status',
			'r.badge_name',
			'r.honorific',
			'r.given_name',
			'r.family_name'
		])
		.where('r.event_id', '=', eventId)
		.execute();
}

// Nomination letters -----------------------------------------------------------------------

export function insertLetter(
	trx: Transaction<Database>,
	row: { delegation_id: number; file_id: number; uploaded_by: number; uploaded_at: Date }
) {
	return trx.insertInto('delegation_letters').values(row).returning('id').executeTakeFirstOrThrow();
}

/** The newest letter of each delegation of an event. */
export function latestLetters(executor: Executor, eventId: number, delegationId?: number) {
	return executor
		.selectFrom('delegation_letters as l')
		.innerJoin('delegations as d', 'd.id', 'l.delegation_id')
		.innerJoin('files as f', 'f.id', 'l.file_id')
		.leftJoin('users as u', 'u.id', 'l.decided_by')
		.distinctOn('l.delegation_id')
		.select([
			'l.id',
			'l.delegation_id',
			'l.status',
			'l.uploaded_at',
			'l.decided_at',
			'l.reason',
			'f.file_name',
			'f.size',
			'u.display_name as decided_by_name'
		])
		.where('d.event_id', '=', eventId)
		.$if(delegationId !== undefined, (q) => q.where('l.delegation_id', '=', delegationId!))
		.orderBy('l.delegation_id')
		.orderBy('l.id', 'desc')
		.execute();
}

/** A letter of an event with its file's bytes. */
export function findLetterFile(executor: Executor, eventId: number, letterId: number) {
	return executor
		.selectFrom('delegation_letters as l')
		.innerJoin('delegations as d', 'd.id', 'l.delegation_id')
		.innerJoin('files as f', 'f.id', 'l.file_id')
		.select(['l.id', 'l.delegation_id', 'f.file_name', 'f.content_type', 'f.bytes'])
		.where('d.event_id', '=', eventId)
		.where('l.id', '=', letterId)
		.executeTakeFirst();
}

export function lockLetter(trx: Transaction<Database>, eventId: number, letterId: number) {
	return trx
		.selectFrom('delegation_letters as l')
		.innerJoin('delegations as d', 'd.id', 'l.delegation_id')
		.select(['l.id', 'l.delegation_id', 'l.status', 'd.code'])
		.where('d.event_id', '=', eventId)
		.where('l.id', '=', letterId)
		.forUpdate(['l'])
		.executeTakeFirst();
}

export function decideLetter(
	trx: Transaction<Database>,
	letterId: number,
	decision: {
		status: Exclude<LetterStatus, 'received'>;
		by: number;
		at: Date;
		reason: string | null;
	}
) {
	return trx
		.updateTable('delegation_letters')
		.set({
			status: decision.status,
			decided_by: decision.by,
			decided_at: decision.at,
			reason: decision.reason
		})
		.where('id', '=', letterId)
		.execute();
}

// What a delegation has nominated ----------------------------------------------------------

/** The people of one delegation: registrations (any state) and invitations not yet answered. */
export function delegationRegistrations(executor: Executor, eventId: number, delegationId: number) {
	return executor
		.selectFrom('registrations')
		.select([
			'id',
			'reference',
			'status',
			'category',
			'honorific',
			'given_name',
			'family_name',
			'badge_name',
			'position',
			'organisation',
			'email',
			'visa_data_enc',
			'arrival_at',
			'entered_by_kind',
			'replaces_registration_id',
			'decline_reason',
			'endorsement',
			'updated_at'
		])
		.where('event_id', '=', eventId)
		.where('delegation_id', '=', delegationId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

export function delegationInvitations(
	executor: Executor,
	eventId: number,
	delegationId: number,
	at: Date
) {
	return executor
		.selectFrom('invitations')
		.select([
			'id',
			'status',
			'category',
			'honorific',
			'given_name',
			'family_name',
			'email',
			'position',
			'organisation',
			'expires_at',
			'focal_point_id'
		])
		.where('event_id', '=', eventId)
		.where('delegation_id', '=', delegationId)
		.where('status', 'in', ['pending', 'sent'])
		.where('expires_at', '>', at)
		.orderBy('created_at')
		.execute();
}

/** The latest moment anything happened in each delegation (registrations, letters, calls). */
export async function lastActivity(executor: Executor, eventId: number) {
	const rows = await sql<{ delegation_id: number; at: Date }>`
		select delegation_id, max(at) as at from (
			select delegation_id, max(updated_at) as at from registrations
				where event_id = ${eventId} group by delegation_id
			union all
			select l.delegation_id, max(greatest(l.uploaded_at, l.decided_at)) from delegation_letters l
				join delegations d on d.id = l.delegation_id where d.event_id = ${eventId} group by l.delegation_id
		) t group by delegation_id
	`.execute(executor);
	return rows.rows;
}

// The event's nomination settings -----------------------------------------------------------

export function setEventNominationSettings(
	trx: Transaction<Database>,
	eventId: number,
	settings: { deadline: Date | null; reminderDays: number | null; endorsement?: boolean }
) {
	return trx
		.updateTable('events')
		.set({
			nomination_deadline: settings.deadline,
			nomination_reminder_days: settings.reminderDays,
			...(settings.endorsement !== undefined ? { endorsement_required: settings.endorsement } : {})
		})
		.where('id', '=', eventId)
		.execute();
}
