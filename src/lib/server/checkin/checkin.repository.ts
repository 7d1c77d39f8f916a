import { sql, type Expression, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { NAME_COLUMNS, PERSON_COLUMNS } from '../registrations/person-columns.ts';

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
			'd.name as delegation_name',
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

/** Records the check-in time and who did it (only the check-in columns change). */
export async function setCheckIn(
	trx: Transaction<Database>,
	id: number,
	at: Date | null,
	by: number | null
): Promise<void> {
	await trx
		.updateTable('registrations')
		.set({ checked_in_at: at, checked_in_by: by })
		.where('id', '=', id)
		.execute();
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
