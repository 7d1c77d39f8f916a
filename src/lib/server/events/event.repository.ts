import type { Insertable, Transaction, Updateable } from 'kysely';
import type { DB } from '../db/database.ts';
import { runPrepared } from '../db/prepared.ts';
import type { Database, EventsTable, StaffRole } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

/** An event by its public slug. */
export async function findEventBySlug(executor: Executor, slug: string) {
	// Prepared (db/prepared.ts): read by every post of a register form, as the two below.
	const [event] = await runPrepared(
		executor,
		executor.selectFrom('events').selectAll().where('slug', '=', slug).compile()
	);
	return event;
}

/** An event by id. */
export function findEventById(executor: Executor, id: number) {
	return executor.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the event row for the rest of the transaction (capacity decisions are made under it). */
export function lockEvent(trx: Transaction<Database>, id: number) {
	return trx
		.selectFrom('events')
		.selectAll()
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

/** The role a user holds on an event, if any. */
export async function findStaffRole(executor: Executor, eventId: number, userId: number) {
	const row = await executor
		.selectFrom('event_staff')
		.select('role')
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return (row?.role as StaffRole | undefined) ?? null;
}

/** The event's delegations in display order. */
export function listDelegations(executor: Executor, eventId: number) {
	return runPrepared(
		executor,
		executor
			.selectFrom('delegations')
			.selectAll()
			.where('event_id', '=', eventId)
			.orderBy('sort_order')
			.orderBy('name')
			.compile()
	);
}

/** The event's programme in time order. */
export function listProgramme(executor: Executor, eventId: number) {
	return runPrepared(
		executor,
		executor
			.selectFrom('programme_items')
			.selectAll()
			.where('event_id', '=', eventId)
			.orderBy('starts_at')
			.orderBy('id')
			.compile()
	);
}

/** Inserts an event and returns it. */
export function insertEvent(executor: Executor, values: Insertable<EventsTable>) {
	return executor.insertInto('events').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates an event's columns. */
export async function updateEventRow(
	executor: Executor,
	id: number,
	changes: Updateable<EventsTable>
) {
	await executor.updateTable('events').set(changes).where('id', '=', id).execute();
}

/** Which of a slug and a code another event already uses. */
export async function findClashes(
	executor: Executor,
	slug: string,
	code: string,
	exceptId: number | null
) {
	let query = executor
		.selectFrom('events')
		.select(['slug', 'code'])
		.where((eb) => eb.or([eb('slug', '=', slug), eb('code', '=', code)]));
	if (exceptId !== null) query = query.where('id', '!=', exceptId);
	const rows = await query.execute();
	return { slug: rows.some((r) => r.slug === slug), code: rows.some((r) => r.code === code) };
}

/** True once anyone has registered (references carry the event code). */
export async function eventHasRegistrations(executor: Executor, eventId: number) {
	const row = await executor
		.selectFrom('registrations')
		.select('id')
		.where('event_id', '=', eventId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

const LISTED_COLUMNS = [
	'events.id',
	'events.slug',
	'events.code',
	'events.title',
	'events.series',
	'events.edition',
	'events.kind',
	'events.starts_on',
	'events.ends_on',
	'events.city',
	'events.country',
	'events.time_zone',
	'events.status',
	'events.visibility',
	'events.registration_mode',
	'events.registration_opens_at',
	'events.registration_closes_at',
	'events.invitations_bypass_window',
	'events.capacity',
	'events.seats_taken',
	'events.translations'
] as const;

/** Events a staff member works on (every event for an admin), soonest first, with their role. */
export function listEventsForStaff(executor: Executor, userId: number, admin: boolean) {
	let query = executor
		.selectFrom('events')
		.leftJoin('event_staff', (join) =>
			join.onRef('event_staff.event_id', '=', 'events.id').on('event_staff.user_id', '=', userId)
		)
		.select([...LISTED_COLUMNS, 'event_staff.role']);
	if (!admin) query = query.where('event_staff.user_id', '=', userId);
	return query
		.orderBy((eb) => eb.case().when('events.status', '=', 'archived').then(1).else(0).end())
		.orderBy('events.starts_on', 'desc')
		.orderBy('events.id', 'desc')
		.execute();
}

/** Public, listed events that have not ended by `today` (a day in UTC; a day's margin is kept). */
export function listPublicUpcoming(executor: Executor, today: string) {
	return executor
		.selectFrom('events')
		.select(LISTED_COLUMNS)
		.where('events.visibility', '=', 'public')
		.where('events.status', 'in', ['published', 'closed', 'cancelled'])
		.where('events.ends_on', '>=', today)
		.orderBy('events.starts_on')
		.orderBy('events.id')
		.limit(200)
		.execute();
}

/** The event's seat counter and capacity, as seen inside the transaction (read under the event lock). */
export function readEventSeats(trx: Transaction<Database>, eventId: number) {
	return trx
		.selectFrom('events')
		.select(['capacity', 'seats_taken'])
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow();
}

/** Moves the event's seat counter by `delta`. */
export async function addEventSeats(trx: Transaction<Database>, eventId: number, delta: number) {
	await trx
		.updateTable('events')
		.set((eb) => ({ seats_taken: eb('seats_taken', '+', delta) }))
		.where('id', '=', eventId)
		.execute();
}

/** Deletes an event row; its delegations, programme, staff, invitations and mail go with it (on delete cascade). */
export async function deleteEventRow(trx: Transaction<Database>, id: number): Promise<void> {
	await trx.deleteFrom('events').where('id', '=', id).execute();
}
