import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Category, Database, FieldVisitStop } from '../db/schema.ts';
import { findOfEvent } from '../db/event-scoped.ts';

// Queries for field visits, their stops and sign-ups. No rules here: see visit.service.ts.

type Executor = DB | Transaction<Database>;

export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** The event's visits in time order, each with its wait-list length. */
export function listVisits(executor: Executor, eventId: number) {
	return executor
		.selectFrom('field_visits as v')
		.selectAll('v')
		.select((eb) =>
			eb
				.selectFrom('field_visit_signups as s')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('s.visit_id', '=', 'v.id')
				.where('s.status', '=', 'waitlisted')
				.as('waitlisted')
		)
		.where('v.event_id', '=', eventId)
		.orderBy('v.departs_at')
		.orderBy('v.id')
		.execute()
		.then((rows) => rows.map((r) => ({ ...r, waitlisted: Number(r.waitlisted ?? 0) })));
}

/** One visit of an event. */
export function findVisit(executor: Executor, eventId: number, visitId: number) {
	return findOfEvent(executor, 'field_visits', eventId, visitId);
}

/** Locks a visit row for the rest of the transaction: seat decisions are made under it. */
export function lockVisit(trx: Transaction<Database>, visitId: number) {
	return trx
		.selectFrom('field_visits')
		.selectAll()
		.where('id', '=', visitId)
		.forUpdate()
		.executeTakeFirst();
}

/** Stops of several visits, in route order. */
export async function listStops(executor: Executor, visitIds: number[]): Promise<FieldVisitStop[]> {
	if (visitIds.length === 0) return [];
	return executor
		.selectFrom('field_visit_stops')
		.selectAll()
		.where('visit_id', 'in', visitIds)
		.orderBy('visit_id')
		.orderBy('position')
		.execute();
}

export type VisitRow = {
	event_id: number;
	title: string;
	summary: string;
	meeting_point: string;
	departs_at: Date;
	returns_at: Date;
	transport: string;
	seats: number;
	eligible_categories: Category[] | null;
};

/** Inserts a visit and returns its id. */
export async function insertVisit(trx: Transaction<Database>, row: VisitRow & { at: Date }) {
	const { at, ...values } = row;
	const inserted = await trx
		.insertInto('field_visits')
		.values({ ...values, created_at: at, updated_at: at })
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

/** Updates a visit's fields and bumps its version; returns the new version. */
export async function updateVisitRow(
	trx: Transaction<Database>,
	visitId: number,
	values: Partial<Omit<VisitRow, 'event_id'>> & {
		status?: 'scheduled' | 'cancelled';
		seats_taken?: number;
	},
	at: Date
): Promise<number> {
	const row = await trx
		.updateTable('field_visits')
		.set({ ...values, updated_at: at, version: sql`version + 1` })
		.where('id', '=', visitId)
		.returning('version')
		.executeTakeFirstOrThrow();
	return row.version;
}

/** Adds to (or, negative, takes from) a visit's taken-seat counter. */
export async function addSeatsTaken(trx: Transaction<Database>, visitId: number, delta: number) {
	if (delta === 0) return;
	await trx
		.updateTable('field_visits')
		.set({ seats_taken: sql`seats_taken + ${delta}` })
		.where('id', '=', visitId)
		.execute();
}

/** A stop as the organizer's form writes it (its texts in other languages are kept apart). */
export type StopRow = Omit<FieldVisitStop, 'id' | 'visit_id' | 'translations'>;

/** Inserts stops of a visit. */
export async function insertStops(trx: Transaction<Database>, visitId: number, stops: StopRow[]) {
	if (stops.length === 0) return;
	await trx
		.insertInto('field_visit_stops')
		.values(stops.map((s) => ({ ...s, visit_id: visitId })))
		.execute();
}

/** Updates one stop (positions are unique per visit, checked at commit). */
export async function updateStop(
	trx: Transaction<Database>,
	visitId: number,
	stopId: number,
	values: StopRow
) {
	await trx
		.updateTable('field_visit_stops')
		.set(values)
		.where('id', '=', stopId)
		.where('visit_id', '=', visitId)
		.execute();
}

/** Removes stops of a visit. */
export async function deleteStops(trx: Transaction<Database>, visitId: number, stopIds: number[]) {
	if (stopIds.length === 0) return;
	await trx
		.deleteFrom('field_visit_stops')
		.where('visit_id', '=', visitId)
		.where('id', 'in', stopIds)
		.execute();
}

/** The registration that signs up, locked (it is the unit whose chosen visits must not clash). */
export function lockRegistration(trx: Transaction<Database>, registrationId: number) {
	return trx
		.selectFrom('registrations')
		.select(['id', 'event_id', 'status', 'category', 'reference', 'email'])
		.select(['honorific', 'given_name', 'family_name', 'language'])
		.where('id', '=', registrationId)
		.forNoKeyUpdate()
		.executeTakeFirst();
}

/** A registration's active (not cancelled) sign-up for a visit. */
export function findActiveSignup(executor: Executor, visitId: number, registrationId: number) {
	return executor
		.selectFrom('field_visit_signups')
		.selectAll()
		.where('visit_id', '=', visitId)
		.where('registration_id', '=', registrationId)
		.where('status', '<>', 'cancelled')
		.executeTakeFirst();
}

/** Inserts a sign-up. */
export function insertSignup(
	trx: Transaction<Database>,
	row: { visitId: number; registrationId: number; status: SignupStatus; at: Date }
) {
	return trx
		.insertInto('field_visit_signups')
		.values({
			visit_id: row.visitId,
			registration_id: row.registrationId,
			status: row.status,
			created_at: row.at,
			updated_at: row.at
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** Sets the status of sign-ups. */
export async function setSignupStatus(
	trx: Transaction<Database>,
	signupIds: number[],
	status: SignupStatus,
	at: Date
) {
	if (signupIds.length === 0) return;
	await trx
		.updateTable('field_visit_signups')
		.set({ status, updated_at: at })
		.where('id', 'in', signupIds)
		.execute();
}

/** Another active sign-up of the registration to a scheduled visit overlapping [from, to). */
export function findClash(
	executor: Executor,
	registrationId: number,
	visitId: number,
	from: Date,
	to: Date
) {
	return executor
		.selectFrom('field_visit_signups as s')
		.innerJoin('field_visits as v', 'v.id', 's.visit_id')
		.select(['v.id', 'v.title', 'v.departs_at', 'v.returns_at'])
		.where('s.registration_id', '=', registrationId)
		.where('s.status', '<>', 'cancelled')
		.where('v.status', '=', 'scheduled')
		.where('v.id', '<>', visitId)
		.where('v.departs_at', '<', to)
		.where('v.returns_at', '>', from)
		.orderBy('v.departs_at')
		.executeTakeFirst();
}

/** The first wait-listed sign-ups of a visit whose registration still holds a seat at the event. */
export function firstWaitlisted(trx: Transaction<Database>, visitId: number, limit: number) {
	return trx
		.selectFrom('field_visit_signups as s')
		.innerJoin('registrations as r', 'r.id', 's.registration_id')
		.select(['s.id', 's.registration_id'])
		.where('s.visit_id', '=', visitId)
		.where('s.status', '=', 'waitlisted')
		.where('r.status', '=', 'confirmed')
		.orderBy('s.created_at')
		.orderBy('s.id')
		.limit(limit)
		.execute();
}

/** Active sign-ups of a registration (to release them when it is cancelled). */
export function activeSignupsOfRegistration(executor: Executor, registrationId: number) {
	return executor
		.selectFrom('field_visit_signups')
		.select(['id', 'visit_id', 'status'])
		.where('registration_id', '=', registrationId)
		.where('status', '<>', 'cancelled')
		.orderBy('visit_id')
		.execute();
}

/** People to tell about a visit: its sign-ups with the given statuses, with their names. */
export function participants(
	executor: Executor,
	visitId: number,
	statuses: SignupStatus[] = ['confirmed']
) {
	return executor
		.selectFrom('field_visit_signups as s')
		.innerJoin('registrations as r', 'r.id', 's.registration_id')
		.select(['s.id as signup_id', 's.status', 'r.id as registration_id', 'r.email', 'r.reference'])
		.select(['r.honorific', 'r.given_name', 'r.family_name', 'r.language'])
		.where('s.visit_id', '=', visitId)
		.where('s.status', 'in', statuses)
		.orderBy('s.id')
		.execute();
}

/** Registrations by id with what a message to them needs. */
export function registrationsForMail(executor: Executor, ids: number[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('registrations')
		.select(['id', 'email', 'reference', 'honorific', 'given_name', 'family_name', 'language'])
		.where('id', 'in', ids)
		.execute();
}

/** 1-based places on the wait-lists of visits, per sign-up id. */
export async function waitlistPlaces(
	executor: Executor,
	visitIds: number[]
): Promise<Map<number, number>> {
	if (visitIds.length === 0) return new Map();
	const rows = await executor
		.selectFrom('field_visit_signups')
		.select([
			'id',
			sql<number>`row_number() over (partition by visit_id order by created_at, id)`.as('place')
		])
		.where('visit_id', 'in', visitIds)
		.where('status', '=', 'waitlisted')
		.execute();
	return new Map(rows.map((r) => [r.id, Number(r.place)]));
}

/** Counts of a visit's sign-ups by status (the counter is checked against it in tests). */
export async function countSignups(executor: Executor, visitId: number) {
	const rows = await executor
		.selectFrom('field_visit_signups')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.where('visit_id', '=', visitId)
		.groupBy('status')
		.execute();
	const counts = { confirmed: 0, waitlisted: 0, cancelled: 0 };
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
}
