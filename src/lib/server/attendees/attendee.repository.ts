import { sql, type Expression, type Transaction } from 'kysely';
import { REGISTRATION_STATUSES } from '../../domain/registration-status.ts';
import type { SortKey } from '../../attendees.ts';
import type { DB } from '../db/database.ts';
import type { Database, RegistrationStatus } from '../db/schema.ts';
import { searchWords, type AttendeeFilter } from './attendee-filter.ts';
import { PERSON_COLUMNS } from '../registrations/person-columns.ts';

// Queries of the attendee list and of everything exported from it. The search expression and
// sort keys match the indexes of migrations/0050_registration_search.ts exactly.

type Executor = DB | Transaction<Database>;
type Scope = Omit<AttendeeFilter, 'sort' | 'dir' | 'page'>;

/** registrations (as r) of an event narrowed by a filter; `withStatus: false` ignores its status. */
export function filteredRegistrations(
	executor: Executor,
	eventId: number,
	filter: Scope,
	options: { withStatus?: boolean } = {}
) {
	let qb = executor.selectFrom('registrations as r').where('r.event_id', '=', eventId);
	if (filter.status && options.withStatus !== false) qb = qb.where('r.status', '=', filter.status);
	if (filter.delegationId !== null) qb = qb.where('r.delegation_id', '=', filter.delegationId);
	if (filter.category) qb = qb.where('r.category', '=', filter.category);
	if (filter.checkedIn !== null) {
		qb = qb.where('r.checked_in_at', filter.checkedIn ? 'is not' : 'is', null);
	}
	const visitId = filter.visit;
	if (visitId !== null) {
		qb = qb.where((eb) =>
			eb.exists(
				eb
					.selectFrom('field_visit_signups as s')
					.select(sql.lit(1).as('one'))
					.whereRef('s.registration_id', '=', 'r.id')
					.where('s.visit_id', '=', visitId)
					.where('s.status', '<>', 'cancelled')
			)
		);
	}
	if (filter.answer) {
		// Checked against the event's questions by parseAttendeeQuery: "<question>:<answer>".
		const [questionId, value] = filter.answer.split(':');
		const held = JSON.stringify(value === 'yes' || value === 'no' ? value : [Number(value)]);
		qb = qb.where((eb) =>
			eb.exists(
				eb
					.selectFrom('answers as a')
					.select(sql.lit(1).as('one'))
					.whereRef('a.registration_id', '=', 'r.id')
					.where('a.question_id', '=', Number(questionId))
					.where(sql<boolean>`a.value @> ${held}::jsonb`)
			)
		);
	}
	for (const word of searchWords(filter.q)) {
		qb = qb.where('r.search_text', 'like', sql<string>`'%' || kaigi_fold(${word}) || '%'`);
	}
	return qb;
}

/**
 * The ORDER BY of a sort key; it ends on r.id so pages never overlap. 'delegation' and 'status'
 * are paged group by group (see attendee.service.ts), so here they give the order within a group.
 */
export function sortExpressions(sort: SortKey): Expression<unknown>[] {
	switch (sort) {
		case 'reference':
			return [sql`r.reference`, sql`r.id`];
		case 'registered':
		case 'status':
			return [sql`r.created_at`, sql`r.id`];
		default:
			return [sql`r.sort_name`, sql`r.id`];
	}
}

/**
 * The ORDER BY of a whole export (delegations by display order, with the delegation joined as
 * d); a full sort is unavoidable there, and done once by the database for the cursor.
 */
export function exportOrderExpressions(sort: SortKey): Expression<unknown>[] {
	switch (sort) {
		case 'delegation':
			return [sql`d.sort_order`, sql`d.name`, sql`r.sort_name`, sql`r.id`];
		case 'status':
			return [
				sql`array_position(${[...REGISTRATION_STATUSES]}::text[], r.status)`,
				sql`r.created_at`,
				sql`r.id`
			];
		default:
			return sortExpressions(sort);
	}
}

/** How many registrations of each status match the filter's other criteria. */
export async function countByStatus(executor: Executor, eventId: number, filter: Scope) {
	const rows = await filteredRegistrations(executor, eventId, filter, { withStatus: false })
		.select(['r.status', (eb) => eb.fn.countAll<number>().as('count')])
		.groupBy('r.status')
		.execute();
	const counts: Record<RegistrationStatus, number> = {
		pending: 0,
		confirmed: 0,
		waitlisted: 0,
		declined: 0,
		cancelled: 0
	};
	for (const row of rows) counts[row.status] = Number(row.count);
	return counts;
}

/** Past this offset a search always collects its matches (walking would pass them all). */
const WALK_UP_TO_OFFSET = 2_000;

/**
 * Ids of one page of the attendee list in its order, read from the sort-key indexes.
 * A search with a word of three letters or more collects its matches first (trigram index) and
 * sorts them: otherwise the planner walks the name index hoping to meet 50 matches early, and
 * reads 35 000 rows when they sit in the middle of the alphabet. Words of one or two letters
 * cannot use the trigram index and match most rows ("a": all 100 000), so their first pages
 * are met along the name index instead (300 ms → 30 ms).
 */
export async function listAttendeeIds(
	executor: Executor,
	eventId: number,
	filter: AttendeeFilter,
	page: { limit: number; offset: number }
): Promise<number[]> {
	const order = sortExpressions(filter.sort);
	const filtered = filteredRegistrations(executor, eventId, filter);
	let rows;
	const narrow = filter.q.split(/\s+/).some((word) => word.length >= 3);
	if (filter.q && (narrow || page.offset > WALK_UP_TO_OFFSET)) {
		let sorted = executor
			.with(
				(cte) => cte('matches').materialized(),
				() =>
					filtered.select([
						'r.id',
						'r.sort_name',
						'r.reference',
						'r.created_at',
						'r.status',
						'r.delegation_id'
					])
			)
			.selectFrom('matches as r')
			.select('r.id');
		for (const expression of order) sorted = sorted.orderBy(expression, filter.dir);
		rows = await sorted.limit(page.limit).offset(page.offset).execute();
	} else {
		let sorted = filtered.select('r.id');
		for (const expression of order) sorted = sorted.orderBy(expression, filter.dir);
		rows = await sorted.limit(page.limit).offset(page.offset).execute();
	}
	return rows.map((r) => r.id);
}

/** How many registrations of each delegation match a filter (to page in delegation order). */
export async function countByDelegation(executor: Executor, eventId: number, filter: Scope) {
	const rows = await filteredRegistrations(executor, eventId, filter)
		.select(['r.delegation_id', (eb) => eb.fn.countAll<number>().as('count')])
		.groupBy('r.delegation_id')
		.execute();
	return new Map(rows.map((r) => [r.delegation_id, Number(r.count)]));
}

export type GroupSlice = {
	group: { delegationId: number } | { status: RegistrationStatus };
	limit: number;
	offset: number;
};

/**
 * Ids of a slice of one group (a delegation, in name order, or a status, in registration order)
 * read along the (event, delegation, name) or (event, status, created) index.
 */
export async function listGroupSlice(
	executor: Executor,
	eventId: number,
	filter: AttendeeFilter,
	slice: GroupSlice
): Promise<number[]> {
	let qb = filteredRegistrations(executor, eventId, filter).select('r.id');
	if ('status' in slice.group) {
		qb = qb.where('r.status', '=', slice.group.status).orderBy('r.created_at', filter.dir);
	} else {
		qb = qb
			.where('r.delegation_id', '=', slice.group.delegationId)
			.orderBy('r.sort_name', filter.dir);
	}
	const rows = await qb
		.orderBy('r.id', filter.dir)
		.limit(slice.limit)
		.offset(slice.offset)
		.execute();
	return rows.map((r) => r.id);
}

/** The list's rows for some ids, in the order of the ids. */
export async function listAttendeesByIds(executor: Executor, ids: number[]) {
	if (ids.length === 0) return [];
	const rows = await executor
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.where('r.id', 'in', ids)
		.select([
			...PERSON_COLUMNS,
			'r.position',
			'r.organisation',
			'r.email',
			'r.created_at',
			'r.checked_in_at',
			'd.code as delegation_code',
			'd.name as delegation_name'
		])
		.execute();
	const position = new Map(ids.map((id, i) => [id, i]));
	return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/** The event's field visits, for the visit filter. */
export function listVisitOptions(executor: Executor, eventId: number) {
	return executor
		.selectFrom('field_visits')
		.select(['id', 'title', 'translations', 'departs_at', 'status'])
		.where('event_id', '=', eventId)
		.orderBy('departs_at')
		.orderBy('id')
		.execute();
}
