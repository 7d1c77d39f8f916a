import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import { ACTIVE_STATUSES } from '../../domain/registration-status.ts';
import { runPrepared } from '../db/prepared.ts';
import type { DB } from '../db/database.ts';
import type {
	Category,
	Database,
	Delegation,
	Event,
	Registration,
	RegistrationStatus,
	RegistrationsTable
} from '../db/schema.ts';

// Queries on registrations. No rules here: the services decide, under the event row lock, and
// call these inside their transaction. The seat counters and numbers live with their own
// tables (events/event.repository.ts, events/delegation.repository.ts); the few statements
// here that also move them do so to keep a registration rush to one round trip each.

type Executor = DB | Transaction<Database>;
type Trx = Transaction<Database>;

/** A delegation as read under the event lock, with its quotas per category (focal points' events). */
export type LockedDelegation = Delegation & { categoryQuotas: Partial<Record<Category, number>> };

/**
 * The event and some of its delegations, all locked for the rest of the transaction, in one
 * statement (rows are locked in the order of the FROM list: the event's first, as everywhere).
 * Undefined when the event has none of these delegations; nothing is locked then.
 */
export async function lockEventAndDelegations(
	trx: Trx,
	eventId: number,
	delegationIds: readonly number[]
): Promise<{ event: Event; delegations: Map<number, LockedDelegation> } | undefined> {
	if (delegationIds.length === 0) return undefined;
	// Prepared, like the other statements of a rush's hot path (db/prepared.ts).
	const query = trx
		.selectFrom('events as e')
		.innerJoin('delegations as d', (join) =>
			join
				.onRef('d.event_id', '=', 'e.id')
				.on(sql<boolean>`d.id = any(${[...delegationIds]}::bigint[])`)
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
			'd.sort_order as d_sort_order',
			'd.translations as d_translations',
			(eb) =>
				eb
					.selectFrom('delegation_quotas as q')
					.select(
						sql<Partial<Record<Category, number>> | null>`jsonb_object_agg(q.category, q.quota)`.as(
							'quotas'
						)
					)
					.whereRef('q.delegation_id', '=', 'd.id')
					.as('d_category_quotas')
		])
		.where('e.id', '=', eventId)
		.orderBy('d.id')
		.forUpdate();
	const rows = await runPrepared(trx, query.compile());
	if (rows.length === 0) return undefined;
	const delegations = new Map<number, LockedDelegation>();
	let event: Event | undefined;
	for (const row of rows) {
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
			d_translations,
			d_category_quotas,
			...eventColumns
		} = row;
		event ??= eventColumns;
		delegations.set(d_id, {
			id: d_id,
			event_id: eventId,
			kind: d_kind,
			country_code: d_country_code,
			code: d_code,
			name: d_name,
			quota: d_quota,
			seats_taken: d_seats_taken,
			next_number: d_next_number,
			sort_order: d_sort_order,
			translations: d_translations,
			categoryQuotas: d_category_quotas ?? {}
		});
	}
	return event && { event, delegations };
}

/**
 * The event and one of its delegations, both locked (see lockEventAndDelegations), with the
 * delegation's quota for `category` if it has one. Undefined when the event has no such delegation.
 */
export async function lockEventAndDelegation(
	trx: Trx,
	eventId: number,
	delegationId: number,
	category?: Category
): Promise<{ event: Event; delegation: Delegation; categoryQuota: number | null } | undefined> {
	const locked = await lockEventAndDelegations(trx, eventId, [delegationId]);
	const found = locked?.delegations.get(delegationId);
	if (!locked || !found) return undefined;
	const { categoryQuotas, ...delegation } = found;
	return {
		event: locked.event,
		delegation,
		categoryQuota: category === undefined ? null : (categoryQuotas[category] ?? null)
	};
}

/** A new registration and its audit entry, for insertRegistrations. */
export type NewRegistration = {
	values: Insertable<RegistrationsTable> & { submission_key: string };
	audit: { at: Date; actorUserId: number; diff: unknown };
};

/**
 * Inserts new registrations of one event in one statement: each takes its delegation's next
 * number (the references were written from the numbers read under the lock, in order), a
 * confirmed one takes a seat in its delegation's and the event's counters, and each gets its
 * audit entry. Returns the rows in the order given. All rows carry the same columns.
 */
export async function insertRegistrations(
	trx: Trx,
	eventId: number,
	rows: NewRegistration[]
): Promise<Registration[]> {
	if (rows.length === 0) return [];
	const columns = sql.join(Object.keys(rows[0].values).map((c) => sql.ref(c)));
	const values = JSON.stringify(rows.map((r) => r.values));
	const audits = JSON.stringify(
		rows.map((r) => ({
			key: r.values.submission_key,
			at: r.audit.at,
			actor: r.audit.actorUserId,
			diff: r.audit.diff
		}))
	);
	const inserted = await runPrepared(
		trx,
		sql<Registration>`
		with new_rows as (
			select * from jsonb_populate_recordset(null::registrations, ${values}::jsonb)
		), numbered as (
			update delegations as d
			set next_number = d.next_number + n.numbers, seats_taken = d.seats_taken + n.seats
			from (
				select delegation_id, count(*)::int as numbers,
					(count(*) filter (where status = 'confirmed'))::int as seats
				from new_rows group by delegation_id
			) as n
			where d.id = n.delegation_id
		), seated as (
			update events as e set seats_taken = e.seats_taken + s.seats
			from (select count(*)::int as seats from new_rows where status = 'confirmed') as s
			where e.id = ${eventId} and s.seats > 0
		), inserted as (
			insert into registrations (${columns}) select ${columns} from new_rows returning *
		), audited as (
			insert into audit_log (at, actor_user_id, action, entity_type, entity_id, event_id, diff)
			select a.at, a.actor, 'registration.create', 'registration', i.id::text, i.event_id, a.diff
			from inserted as i
			join jsonb_to_recordset(${audits}::jsonb) as a(key text, at timestamptz, actor bigint, diff jsonb)
				on a.key = i.submission_key
		)
		select * from inserted
	`.compile(trx)
	);
	const byKey = new Map(inserted.map((r) => [r.submission_key, r]));
	return rows.map((r) => {
		const row = byKey.get(r.values.submission_key);
		if (!row) throw new Error(`registration ${r.values.submission_key} was not inserted`);
		return row;
	});
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
	const rows = await findEarlierOrActiveOfMany(executor, eventId, [submissionKey], [email]);
	const earlier = rows.find((r) => r.submission_key === submissionKey);
	return {
		earlier: earlier && { id: earlier.id, reference: earlier.reference, status: earlier.status },
		active: rows.find(
			(r) => r.email === email && r.status !== 'cancelled' && r.status !== 'declined'
		)
	};
}

/**
 * For a batch: the registrations earlier posts of these forms created, and the active ones of
 * these e-mails, in one query.
 */
export function findEarlierOrActiveOfMany(
	executor: Executor,
	eventId: number,
	submissionKeys: string[],
	emails: string[]
) {
	const query = executor
		.selectFrom('registrations')
		.select(['id', 'reference', 'status', 'submission_key', 'email'])
		.where('event_id', '=', eventId)
		.where((eb) =>
			eb.or([
				eb(sql<string>`submission_key`, '=', sql<string>`any(${submissionKeys}::text[])`),
				eb.and([
					eb(sql<string>`email`, '=', sql<string>`any(${emails}::text[])`),
					eb('status', 'not in', ['cancelled', 'declined'])
				])
			])
		);
	return runPrepared(executor, query.compile());
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
		.select([
			'id',
			'reference',
			'status',
			'email',
			'honorific',
			'given_name',
			'family_name',
			'language'
		])
		.where('event_id', '=', eventId)
		.where('status', 'in', ACTIVE_STATUSES)
		.orderBy('id')
		.execute();
}
