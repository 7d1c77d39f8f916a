import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import { ACTIVE_STATUSES } from '../../domain/registration-status.ts';
import type { DB } from '../db/database.ts';
import type {
	Database,
	Delegation,
	Event,
	RegistrationStatus,
	RegistrationsTable
} from '../db/schema.ts';

// Queries on registrations. No rules here: the services decide, under the event row lock, and
// call these inside their transaction. The seat counters and numbers live with their own
// tables (events/event.repository.ts, events/delegation.repository.ts); the few statements
// here that also move them do so to keep a registration rush to one round trip each.

type Executor = DB | Transaction<Database>;
type Trx = Transaction<Database>;

/**
 * The event and one of its delegations, both locked for the rest of the transaction, in one
 * statement (rows are locked in the order of the FROM list: the event's first, as everywhere).
 * Undefined when the event has no such delegation; nothing is locked then.
 */
export async function lockEventAndDelegation(
	trx: Trx,
	eventId: number,
	delegationId: number
): Promise<{ event: Event; delegation: Delegation } | undefined> {
	const row = await trx
		.selectFrom('events as e')
		.innerJoin('delegations as d', (join) =>
			join.onRef('d.event_id', '=', 'e.id').on('d.id', '=', delegationId)
		)
		.selectAll('e')
		.select([
			'd.id as d_id',
			'd.kind as d_kind',
			'd.country_code as d_country_code',
			'd.code as d_code',
			'd.name as d_name',
			'd.quota as d_quota',
			'd.seats_taken as d_seats_taken',
			'd.next_number as d_next_number',
			'd.sort_order as d_sort_order'
		])
		.where('e.id', '=', eventId)
		.forUpdate()
		.executeTakeFirst();
	if (!row) return undefined;
	const {
		d_id,
		d_kind,
		d_country_code,
		d_code,
		d_name,
		d_quota,
		d_seats_taken,
		d_next_number,
		d_sort_order,
		...event
	} = row;
	return {
		event,
		delegation: {
			id: d_id,
			event_id: eventId,
			kind: d_kind,
			country_code: d_country_code,
			code: d_code,
			name: d_name,
			quota: d_quota,
			seats_taken: d_seats_taken,
			next_number: d_next_number,
			sort_order: d_sort_order
		}
	};
}

/**
 * Inserts a registration that takes its delegation's next number (read under the lock), and a
 * seat in the delegation's and the event's counters when `seat` is set: one statement.
 */
export function insertRegistrationTakingNumber(
	trx: Trx,
	values: Insertable<RegistrationsTable>,
	counters: { eventId: number; delegationId: number; seat: boolean }
) {
	const numbered = trx.with('numbered', (db) =>
		db
			.updateTable('delegations')
			.set((eb) => ({
				next_number: eb('next_number', '+', 1),
				seats_taken: eb('seats_taken', '+', counters.seat ? 1 : 0)
			}))
			.where('id', '=', counters.delegationId)
	);
	const query = counters.seat
		? numbered.with('seated', (db) =>
				db
					.updateTable('events')
					.set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
					.where('id', '=', counters.eventId)
			)
		: numbered;
	return query.insertInto('registrations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The registration an earlier post of the same form created, and an active one of the same e-mail, in one query. */
export async function findEarlierOrActive(
	executor: Executor,
	eventId: number,
	submissionKey: string,
	email: string
) {
	const rows = await executor
		.selectFrom('registrations')
		.select(['id', 'reference', 'status', 'submission_key'])
		.where('event_id', '=', eventId)
		.where((eb) =>
			eb.or([
				eb('submission_key', '=', submissionKey),
				eb.and([eb('email', '=', email), eb('status', 'not in', ['cancelled', 'declined'])])
			])
		)
		.execute();
	const earlier = rows.find((r) => r.submission_key === submissionKey);
	return {
		earlier: earlier && { id: earlier.id, reference: earlier.reference, status: earlier.status },
		active: rows.find((r) => r.status !== 'cancelled' && r.status !== 'declined')
	};
}

/** The registration an earlier post of the same form created, if any. */
export function findBySubmissionKey(executor: Executor, eventId: number, submissionKey: string) {
	return executor
		.selectFrom('registrations')
		.select(['id', 'reference', 'status'])
		.where('event_id', '=', eventId)
		.where('submission_key', '=', submissionKey)
		.executeTakeFirst();
}

/** The active (not cancelled or declined) registration of an e-mail for an event, other than `exceptId`. */
export function findActiveByEmail(
	executor: Executor,
	eventId: number,
	email: string,
	exceptId?: number
) {
	let query = executor
		.selectFrom('registrations')
		.select(['id', 'reference'])
		.where('event_id', '=', eventId)
		.where('email', '=', email)
		.where('status', 'not in', ['cancelled', 'declined']);
	if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
	return query.executeTakeFirst();
}

/** Any registration (whatever its status) of an e-mail for an event. */
export function findRegistrationByEmail(executor: Executor, eventId: number, email: string) {
	return executor
		.selectFrom('registrations')
		.select(['id', 'status'])
		.where('event_id', '=', eventId)
		.where('email', '=', email)
		.executeTakeFirst();
}

/** A registration by id. */
export function findRegistrationById(executor: Executor, id: number) {
	return executor.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A registration by its reference. */
export function findRegistrationRowByReference(executor: Executor, reference: string) {
	return executor
		.selectFrom('registrations')
		.selectAll()
		.where('reference', '=', reference)
		.executeTakeFirst();
}

/** A registration locked for the rest of the transaction. */
export function lockRegistration(trx: Trx, id: number) {
	return trx
		.selectFrom('registrations')
		.selectAll()
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

/** Registrations of an event among `ids`, locked, first come first served. */
export function lockRegistrations(trx: Trx, eventId: number, ids: number[]) {
	return trx
		.selectFrom('registrations')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('id', 'in', ids)
		.orderBy('created_at')
		.orderBy('id')
		.forUpdate()
		.execute();
}

/** Updates a registration, bumping its version; returns the new row. */
export function updateRegistrationRow(
	trx: Trx,
	id: number,
	changes: Updateable<RegistrationsTable>
) {
	return trx
		.updateTable('registrations')
		.set({ ...changes, version: sql<number>`version + 1` })
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** Sets a registration's status (and optional fields), bumping its version; returns the new row. */
export function setStatus(
	trx: Trx,
	id: number,
	status: RegistrationStatus,
	at: Date,
	extra: Updateable<RegistrationsTable> = {}
) {
	return updateRegistrationRow(trx, id, {
		...extra,
		status,
		status_changed_at: at,
		updated_at: at
	});
}

/** The seat counters and quotas of an event's delegations (read under the event lock). */
export function listDelegationSeats(trx: Trx, eventId: number) {
	return trx
		.selectFrom('delegations')
		.select(['id', 'quota', 'seats_taken'])
		.where('event_id', '=', eventId)
		.execute();
}

/**
 * The first wait-listed registration (by created_at, id) of one of these delegations, locked.
 * Uses the (event_id, status, created_at, id) index.
 */
export function firstWaitlistedOf(trx: Trx, eventId: number, delegationIds: number[]) {
	return trx
		.selectFrom('registrations as r')
		.selectAll('r')
		.where('r.event_id', '=', eventId)
		.where('r.status', '=', 'waitlisted')
		.where('r.delegation_id', 'in', delegationIds)
		.orderBy('r.created_at')
		.orderBy('r.id')
		.limit(1)
		.forUpdate()
		.executeTakeFirst();
}

/** The delegation and category the invitation behind a registration named, if any. */
export function findInvitationChoices(executor: Executor, invitationId: number) {
	return executor
		.selectFrom('invitations')
		.select(['delegation_id', 'category'])
		.where('id', '=', invitationId)
		.executeTakeFirst();
}

/** The event's registrations that still count (pending, confirmed, wait-listed), by id. */
export function listActiveRegistrations(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations')
		.select(['id', 'reference', 'status', 'email', 'honorific', 'given_name', 'family_name'])
		.where('event_id', '=', eventId)
		.where('status', 'in', ACTIVE_STATUSES)
		.orderBy('id')
		.execute();
}
