import { sql, type Expression, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import {
	DELEGATION_NAME_COLUMNS,
	NAME_COLUMNS,
	PERSON_COLUMNS
} from '../registrations/person-columns.ts';

type Executor = DB | Transaction<Database>;

/** Lower case without accents, so "nguyen" finds "Nguyễn" and "duc" finds "Đức". */
function fold(value: Expression<string | null> | RawBuilder<string>): RawBuilder<string> {
	return sql<string>`lower(translate(regexp_replace(normalize(${value}, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dD'))`;
}

/** LIKE pattern characters typed by a user match themselves. */
function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function personQuery(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.leftJoin('users as checker', 'checker.id', 'r.checked_in_by')
		.select([
			...PERSON_COLUMNS,
			'r.organisation',
			'r.checked_in_at',
			...DELEGATION_NAME_COLUMNS,
			'checker.display_name as checked_in_by_name',
			// The desk compares the face at the door with the badge photo.
			sql<boolean>`exists (select 1 from badge_photos p where p.registration_id = r.id)`.as(
				'has_photo'
			)
		])
		.where('r.event_id', '=', eventId);
}

export type CheckinPersonRow = Awaited<ReturnType<typeof findPersonById>> & object;

/** One registration of the event by its reference (unique index). */
export function findPersonByReference(executor: Executor, eventId: number, reference: string) {
	return personQuery(executor, eventId).where('r.reference', '=', reference).executeTakeFirst();
}

/** One registration of the event by id. */
export function findPersonById(executor: Executor, eventId: number, id: number) {
	return personQuery(executor, eventId).where('r.id', '=', id).executeTakeFirst();
}

/**
 * Registrations of the event whose names, e-mail or delegation contain every word, accents
 * ignored. The event's rows come from its index; the words filter that limited set.
 */
export function searchPeople(executor: Executor, eventId: number, words: string[], limit: number) {
	const haystack = fold(
		sql<string>`concat_ws(' ', r.given_name, r.family_name, r.badge_name, r.native_name, r.email, d.name)`
	);
	let query = personQuery(executor, eventId);
	for (const word of words) {
		const pattern = fold(sql<string>`${escapeLike(word)}::text`);
		query = query.where(sql<boolean>`${haystack} like '%' || ${pattern} || '%'`);
	}
	return query
		.orderBy('r.family_name')
		.orderBy('r.given_name')
		.orderBy('r.id')
		.limit(limit)
		.execute();
}

/** Locks one registration of the event for a check-in decision. */
export function lockForCheckin(trx: Transaction<Database>, eventId: number, id: number) {
	return trx
		.selectFrom('registrations as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.select([
			'r.id',
			'r.status',
			...NAME_COLUMNS,
			'r.reference',
			'r.checked_in_at',
			'r.checked_in_by',
			'e.time_zone'
		])
		.where('r.event_id', '=', eventId)
		.where('r.id', '=', id)
		.forUpdate('r')
		.executeTakeFirst();
}

/** The check-in of one day, if the person was checked in that day. */
export function findAttendanceDay(executor: Executor, registrationId: number, day: string) {
	return executor
		.selectFrom('attendance_days')
		.select(['checked_in_at', 'checked_in_by'])
		.where('registration_id', '=', registrationId)
		.where('day', '=', day)
		.executeTakeFirst();
}

/**
 * Records a day attended (the day's first check-in) and keeps the registration's check-in
 * columns on the latest check-in: a phone syncing yesterday's scan adds yesterday, not more.
 */
export async function recordAttendance(
	trx: Transaction<Database>,
	a: { registrationId: number; day: string; at: Date; by: number | null }
): Promise<void> {
	await trx
		.insertInto('attendance_days')
		.values({
			registration_id: a.registrationId,
			day: a.day,
			checked_in_at: a.at,
			checked_in_by: a.by
		})
		.onConflict((oc) => oc.columns(['registration_id', 'day']).doNothing())
		.execute();
	await trx
		.updateTable('registrations')
		.set({ checked_in_at: a.at, checked_in_by: a.by })
		.where('id', '=', a.registrationId)
		.where((eb) => eb.or([eb('checked_in_at', 'is', null), eb('checked_in_at', '<', a.at)]))
		.execute();
}

/**
 * Takes back one day's check-in; the registration's check-in columns fall back on the latest
 * day still recorded, or on none.
 */
export async function removeAttendance(
	trx: Transaction<Database>,
	registrationId: number,
	day: string
): Promise<void> {
	await trx
		.deleteFrom('attendance_days')
		.where('registration_id', '=', registrationId)
		.where('day', '=', day)
		.execute();
	await sql`
		update registrations r
		set (checked_in_at, checked_in_by) = (
			select a.checked_in_at, a.checked_in_by from attendance_days a
			where a.registration_id = r.id order by a.day desc limit 1
		)
		where r.id = ${registrationId}
	`.execute(trx);
}

/** A user's display name. */
export async function findUserName(executor: Executor, id: number): Promise<string | null> {
	const row = await executor
		.selectFrom('users')
		.select('display_name')
		.where('id', '=', id)
		.executeTakeFirst();
	return row?.display_name ?? null;
}

/** Confirmed registrations and how many of them are checked in. */
export async function countCheckins(executor: Executor, eventId: number) {
	const row = await executor
		.selectFrom('registrations')
		.select([
			sql<number>`count(*) filter (where status = 'confirmed')::int`.as('confirmed'),
			sql<number>`count(*) filter (where status = 'confirmed' and checked_in_at is not null)::int`.as(
				'checkedIn'
			)
		])
		.where('event_id', '=', eventId)
		.executeTakeFirstOrThrow();
	return { confirmed: row.confirmed, checkedIn: row.checkedIn };
}

/** The latest check-ins of the event, newest first. */
export function listRecentCheckins(executor: Executor, eventId: number, limit: number) {
	return personQuery(executor, eventId)
		.where('r.checked_in_at', 'is not', null)
		.orderBy('r.checked_in_at', 'desc')
		.orderBy('r.id', 'desc')
		.limit(limit)
		.execute();
}

/** The event's confirmed registrations, in the order they registered. */
export function listConfirmedIds(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations')
		.select('id')
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}
