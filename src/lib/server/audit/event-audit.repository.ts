import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

// An event's audit trail with what each entry is about, in one query over the
// (event_id, id) index: the actor's name and the names of the registration, invitation, field
// visit, staff member or announcement an entry concerns, joined by primary key.

export type EventAuditRow = {
	id: number;
	at: Date;
	action: string;
	entity_type: string;
	entity_id: string;
	diff: unknown;
	actor_user_id: number | null;
	actor_name: string | null;
	registration_user_id: number | null;
	registration_reference: string | null;
	registration_status: string | null;
	registration_status_changed_at: Date | null;
	registration_honorific: string | null;
	registration_given_name: string | null;
	registration_family_name: string | null;
	invitation_given_name: string | null;
	invitation_family_name: string | null;
	visit_title: string | null;
	user_name: string | null;
	announcement_subject: string | null;
};

export type AuditPageOptions = {
	/** Entries older than this id (the next page going back). */
	beforeId?: number;
	/** Entries newer than this id, oldest first (a feed read forwards). */
	afterId?: number;
	/** Only these actions. */
	actions?: readonly string[];
	limit: number;
};

const numeric = (expression: ReturnType<typeof sql>) =>
	sql`case when ${expression} ~ '^[0-9]{1,18}$' then (${expression})::bigint end`;

/** A page of the event's audit entries, newest first (or oldest first after `afterId`). */
export async function listEventAudit(
	database: Executor,
	eventId: number,
	options: AuditPageOptions
): Promise<EventAuditRow[]> {
	const forward = options.afterId !== undefined;
	const entityId = (type: string) =>
		sql`case when a.entity_type = ${type} then ${numeric(sql`a.entity_id`)} end`;
	const result = await sql<EventAuditRow>`
		select a.id, a.at, a.action, a.entity_type, a.entity_id, a.diff, a.actor_user_id,
			actor.display_name as actor_name,
			r.user_id as registration_user_id, r.reference as registration_reference,
			r.status as registration_status, r.status_changed_at as registration_status_changed_at,
			r.honorific as registration_honorific,
			r.given_name as registration_given_name, r.family_name as registration_family_name,
			i.given_name as invitation_given_name, i.family_name as invitation_family_name,
			v.title as visit_title, target.display_name as user_name,
			ann.subject as announcement_subject
		from audit_log a
		left join users actor on actor.id = a.actor_user_id
		left join field_visit_signups s on s.id = ${entityId('field_visit_signup')}
		left join registrations r
			on r.id = coalesce(${entityId('registration')}, s.registration_id) and r.event_id = a.event_id
		left join invitations i on i.id = ${entityId('invitation')} and i.event_id = a.event_id
		left join field_visits v
			on v.id = coalesce(${entityId('field_visit')}, s.visit_id) and v.event_id = a.event_id
		left join users target
			on target.id = coalesce(${entityId('user')}, ${numeric(sql`a.diff ->> 'user_id'`)})
		left join announcements ann
			on ann.id = ${entityId('announcement')} and ann.event_id = a.event_id
		where a.event_id = ${eventId}
			${options.beforeId !== undefined ? sql`and a.id < ${options.beforeId}` : sql``}
			${forward ? sql`and a.id > ${options.afterId}` : sql``}
			${options.actions ? sql`and a.action = any(${[...options.actions]}::text[])` : sql``}
		order by a.event_id, a.id ${forward ? sql`asc` : sql`desc`}
		limit ${options.limit}
	`.execute(database);
	return result.rows;
}

/** The newest audit entry id of all events: where a new notification setting starts reading. */
export async function latestAuditId(database: DB): Promise<number> {
	const row = await database
		.selectFrom('audit_log')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst();
	return Number(row?.id ?? 0);
}
