import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { ERASED_AUDIT_KEYS, ERASED_MARK, ERASED_REGISTRATION_COLUMNS } from './erasure.ts';
import { NAME_COLUMNS } from '../registrations/person-columns.ts';
import { eraseAnswersAndPhotos } from '../questions/question.repository.ts';

type Executor = DB | Transaction<Database>;

/**
 * Events whose retention period has run out and that were not purged yet: the day after their
 * last day plus `retention_days` has begun in the event's own time zone.
 */
export function listEventsDueForPurge(executor: Executor, at: Date) {
	return executor
		.selectFrom('events')
		.select(['id', 'code', 'title', 'ends_on', 'retention_days'])
		.where('purged_at', 'is', null)
		.where(
			sql<boolean>`ends_on + retention_days < (${at}::timestamptz at time zone time_zone)::date`
		)
		.orderBy('ends_on')
		.orderBy('id')
		.execute();
}

/** How many registrations of an event there are, and how many still hold passport data. */
export async function countRegistrationData(executor: Executor, eventId: number) {
	const row = await executor
		.selectFrom('registrations')
		.select((eb) => [
			eb.fn.countAll<number>().as('registrations'),
			eb.fn.count<number>('visa_data_enc').as('passports')
		])
		.where('event_id', '=', eventId)
		.executeTakeFirstOrThrow();
	return { registrations: Number(row.registrations), passports: Number(row.passports) };
}

/** Erases the optional personal data of registrations (by event or by id); returns their ids. */
export async function eraseRegistrationData(
	trx: Transaction<Database>,
	where: { eventId: number } | { ids: number[] },
	at: Date
): Promise<number[]> {
	if ('ids' in where && where.ids.length === 0) return [];
	const rows = await trx
		.updateTable('registrations')
		.set((eb) => ({
			...ERASED_REGISTRATION_COLUMNS,
			updated_at: at,
			version: eb('version', '+', 1)
		}))
		.where((eb) =>
			'eventId' in where ? eb('event_id', '=', where.eventId) : eb('id', 'in', where.ids)
		)
		.returning('id')
		.execute();
	await eraseAnswersAndPhotos(trx, where);
	return rows.map((row) => row.id);
}

/** Blanks erased values in the audit trail of these registrations (edits recorded them). */
export async function eraseAuditValues(
	trx: Transaction<Database>,
	registrationIds: number[]
): Promise<void> {
	if (registrationIds.length === 0) return;
	const keys = sql`${sql.val(ERASED_AUDIT_KEYS)}::text[]`;
	await sql`
		update audit_log set diff = (
			select jsonb_object_agg(key, case when key = any(${keys})
				then to_jsonb(${ERASED_MARK}::text) else value end)
			from jsonb_each(diff)
		)
		where entity_type = 'registration'
			and entity_id = any(${sql.val(registrationIds.map(String))}::text[])
			and jsonb_typeof(diff) = 'object'
			and diff ?| ${keys}
	`.execute(trx);
}

/** Records that the event's personal data was purged. */
export async function markEventPurged(trx: Transaction<Database>, eventId: number, at: Date) {
	await trx
		.updateTable('events')
		.set({ purged_at: at, updated_at: at })
		.where('id', '=', eventId)
		.execute();
}

/** The next batch of registrations holding passport data, in id order after `afterId`. */
export function listVisaDataAfter(executor: Executor, afterId: number, limit: number) {
	return executor
		.selectFrom('registrations')
		.select(['id', 'visa_data_enc'])
		.where('visa_data_enc', 'is not', null)
		.where('id', '>', afterId)
		.orderBy('id')
		.limit(limit)
		.execute() as Promise<Array<{ id: number; visa_data_enc: string }>>;
}

/** Replaces a registration's encrypted passport data unless it changed meanwhile; true when it did. */
export async function replaceVisaData(
	executor: Executor,
	id: number,
	from: string,
	to: string
): Promise<boolean> {
	const result = await executor
		.updateTable('registrations')
		.set({ visa_data_enc: to })
		.where('id', '=', id)
		.where('visa_data_enc', '=', from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** A person's registrations with what a deletion request needs to know of each event. */
export function listRegistrationsForErasure(executor: Executor, userId: number) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.select([
			'r.id',
			'r.reference',
			'r.status',
			...NAME_COLUMNS,
			'e.id as event_id',
			'e.slug as event_slug',
			'e.title as event_title',
			'e.translations as event_translations',
			'e.status as event_status',
			'e.ends_on as event_ends_on',
			'e.time_zone as event_time_zone',
			'e.contact_email as event_contact_email'
		])
		.where('r.user_id', '=', userId)
		.orderBy('r.id')
		.execute();
}

/** The organisers' addresses of these events (staff accounts that are not disabled). */
export function listOrganiserAddresses(executor: Executor, eventIds: number[]) {
	if (eventIds.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('event_staff as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.select(['s.event_id', 'u.id as user_id', 'u.email', 'u.language'])
		.where('s.event_id', 'in', eventIds)
		.where('s.role', '=', 'organizer')
		.where('u.disabled_at', 'is', null)
		.orderBy('u.id')
		.execute();
}
