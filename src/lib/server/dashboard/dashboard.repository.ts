import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

// One aggregated query per statistic of the event dashboard.

/** Registrations per status. */
export function countByStatus(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations')
		.select(['status', sql<number>`count(*)::int`.as('count')])
		.where('event_id', '=', eventId)
		.groupBy('status')
		.execute();
}

/** Every delegation with its confirmed, pending and wait-listed registrations. */
export function countByDelegation(executor: Executor, eventId: number) {
	return executor
		.selectFrom('delegations as d')
		.leftJoin('registrations as r', 'r.delegation_id', 'd.id')
		.select([
			'd.id',
			'd.name',
			'd.kind',
			'd.country_code',
			'd.translations',
			'd.code',
			'd.quota',
			sql<number>`count(r.id) filter (where r.status = 'confirmed')::int`.as('confirmed'),
			sql<number>`count(r.id) filter (where r.status = 'pending')::int`.as('pending'),
			sql<number>`count(r.id) filter (where r.status = 'waitlisted')::int`.as('waitlisted')
		])
		.where('d.event_id', '=', eventId)
		.groupBy('d.id')
		.orderBy('d.sort_order')
		.orderBy('d.name')
		.execute();
}

/** Registrations received per calendar day in the event's time zone. */
export function countPerDay(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.select([
			sql<string>`((r.created_at at time zone e.time_zone)::date)::text`.as('day'),
			sql<number>`count(*)::int`.as('count')
		])
		.where('r.event_id', '=', eventId)
		.groupBy(sql`1`)
		.orderBy(sql`1`)
		.execute();
}

/** Invitations per state; "expired" are unanswered ones past their expiry at `at`. */
export function countInvitations(executor: Executor, eventId: number, at: Date) {
	return executor
		.selectFrom('invitations')
		.select([
			sql<number>`count(*)::int`.as('total'),
			sql<number>`count(*) filter (where status = 'pending' and expires_at > ${at})::int`.as(
				'pending'
			),
			sql<number>`count(*) filter (where status = 'sent' and expires_at > ${at})::int`.as('sent'),
			sql<number>`count(*) filter (where status = 'accepted')::int`.as('accepted'),
			sql<number>`count(*) filter (where status = 'declined')::int`.as('declined'),
			sql<number>`count(*) filter (where status = 'revoked')::int`.as('revoked'),
			sql<number>`count(*) filter (where status in ('pending', 'sent') and expires_at <= ${at})::int`.as(
				'expired'
			)
		])
		.where('event_id', '=', eventId)
		.executeTakeFirstOrThrow();
}

/** Field visits with their seats, seats taken and waiting list. */
export function listVisitSeats(executor: Executor, eventId: number) {
	return executor
		.selectFrom('field_visits as v')
		.leftJoin('field_visit_signups as s', 's.visit_id', 'v.id')
		.select([
			'v.id',
			'v.title',
			'v.translations',
			'v.departs_at',
			'v.seats',
			'v.seats_taken',
			'v.status',
			sql<number>`count(s.id) filter (where s.status = 'waitlisted')::int`.as('waitlisted')
		])
		.where('v.event_id', '=', eventId)
		.groupBy('v.id')
		.orderBy('v.departs_at')
		.orderBy('v.id')
		.execute();
}

/** Confirmed participants checked in per calendar day in the event's time zone. */
export function countCheckinsPerDay(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.select([
			sql<string>`((r.checked_in_at at time zone e.time_zone)::date)::text`.as('day'),
			sql<number>`count(*)::int`.as('count')
		])
		.where('r.event_id', '=', eventId)
		.where('r.status', '=', 'confirmed')
		.where('r.checked_in_at', 'is not', null)
		.groupBy(sql`1`)
		.orderBy(sql`1`)
		.execute();
}
