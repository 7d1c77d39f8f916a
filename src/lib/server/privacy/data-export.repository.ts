import { sql } from 'kysely';
import type { DB } from '../db/database.ts';

// The queries behind a person's "download my data": everything is selected by their user id,
// or by ids that the first queries returned for that user, never by anything they typed.

/** The person's account, without the password hash. */
export function findAccount(database: DB, userId: number) {
	return database
		.selectFrom('users')
		.select(['id', 'email', 'display_name', 'is_staff', 'is_admin', 'created_at'])
		.where('id', '=', userId)
		.executeTakeFirst();
}

/** The person's registrations with their event and delegation, oldest first. */
export function listOwnRegistrations(database: DB, userId: number) {
	return database
		.selectFrom('registrations as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.selectAll('r')
		.select([
			'e.code as event_code',
			'e.title as event_title',
			'e.starts_on as event_starts_on',
			'e.ends_on as event_ends_on',
			'e.city as event_city',
			'e.purged_at as event_purged_at',
			'd.name as delegation_name'
		])
		.where('r.user_id', '=', userId)
		.orderBy('r.created_at')
		.orderBy('r.id')
		.execute();
}

/** Field-visit sign-ups of these registrations, with the visit. */
export function listOwnVisitSignups(database: DB, registrationIds: number[]) {
	if (registrationIds.length === 0) return Promise.resolve([]);
	return database
		.selectFrom('field_visit_signups as s')
		.innerJoin('field_visits as v', 'v.id', 's.visit_id')
		.select([
			's.id',
			's.registration_id',
			's.status',
			's.created_at',
			's.updated_at',
			'v.title',
			'v.departs_at',
			'v.returns_at',
			'v.meeting_point'
		])
		.where('s.registration_id', 'in', registrationIds)
		.orderBy('v.departs_at')
		.orderBy('s.id')
		.execute();
}

/** Mails sent to the person's addresses (account and registrations): what and when, not bodies. */
export function listOwnEmails(database: DB, addresses: string[]) {
	return database
		.selectFrom('emails')
		.select([
			'id',
			'recipient',
			'subject',
			'template',
			'status',
			'created_at',
			'sent_at',
			'registration_id'
		])
		.where('recipient', 'in', addresses)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

/** Audit entries whose subject is the person, their registrations, visit sign-ups or mails. */
export function listOwnAuditEntries(
	database: DB,
	userId: number,
	ids: { registrations: number[]; signups: number[]; emails: number[] }
) {
	const subjects: Array<[string, number[]]> = [
		['user', [userId]],
		['registration', ids.registrations],
		['field_visit_signup', ids.signups],
		['email', ids.emails]
	];
	return database
		.selectFrom('audit_log')
		.select(['id', 'at', 'action', 'entity_type', 'entity_id', 'actor_user_id', 'diff'])
		.where((eb) =>
			eb.or(
				subjects
					.filter(([, list]) => list.length > 0)
					.map(([type, list]) =>
						eb.and([
							eb('entity_type', '=', type),
							eb('entity_id', '=', sql<string>`any(${sql.val(list.map(String))}::text[])`)
						])
					)
			)
		)
		.orderBy('at')
		.orderBy('id')
		.execute();
}
