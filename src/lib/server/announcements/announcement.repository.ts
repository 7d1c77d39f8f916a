import type { Transaction } from 'kysely';
import type { RecipientFilter } from '../../schemas/announcement.ts';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

function recipientsQuery(executor: Executor, eventId: number, filter: RecipientFilter) {
	let query = executor
		.selectFrom('registrations')
		.where('registrations.event_id', '=', eventId)
		.where('registrations.status', 'in', filter.statuses);
	if (filter.delegationId)
		query = query.where('registrations.delegation_id', '=', filter.delegationId);
	if (filter.category) query = query.where('registrations.category', '=', filter.category);
	if (filter.visitId) {
		const visitId = filter.visitId;
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('field_visit_signups')
					.select('field_visit_signups.id')
					.whereRef('field_visit_signups.registration_id', '=', 'registrations.id')
					.where('field_visit_signups.visit_id', '=', visitId)
					.where('field_visit_signups.status', '<>', 'cancelled')
			)
		);
	}
	return query;
}

/** The registrations an announcement with this filter reaches. */
export function findRecipients(executor: Executor, eventId: number, filter: RecipientFilter) {
	return recipientsQuery(executor, eventId, filter)
		.select([
			'registrations.id',
			'registrations.email',
			'registrations.honorific',
			'registrations.given_name',
			'registrations.family_name',
			'registrations.reference'
		])
		.orderBy('registrations.id')
		.execute();
}

/** How many registrations an announcement with this filter reaches. */
export async function countRecipients(
	executor: Executor,
	eventId: number,
	filter: RecipientFilter
) {
	const row = await recipientsQuery(executor, eventId, filter)
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Records a sent announcement; returns its id. */
export function insertAnnouncement(
	trx: Transaction<Database>,
	row: {
		eventId: number;
		subject: string;
		body: string;
		filter: RecipientFilter;
		recipientCount: number;
		sentBy: number;
		sendKey: string;
		at: Date;
	}
) {
	return trx
		.insertInto('announcements')
		.values({
			event_id: row.eventId,
			subject: row.subject,
			body: row.body,
			filter: JSON.stringify(row.filter),
			recipient_count: row.recipientCount,
			sent_by: row.sentBy,
			send_key: row.sendKey,
			created_at: row.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** The event's announcements, newest first, with who sent them. */
export function listAnnouncements(executor: Executor, eventId: number) {
	return executor
		.selectFrom('announcements')
		.leftJoin('users', 'users.id', 'announcements.sent_by')
		.select([
			'announcements.id',
			'announcements.subject',
			'announcements.recipient_count',
			'announcements.created_at',
			'users.display_name as sent_by_name'
		])
		.where('announcements.event_id', '=', eventId)
		.orderBy('announcements.created_at', 'desc')
		.orderBy('announcements.id', 'desc')
		.limit(100)
		.execute();
}

/** The event's field visits, for the "signed up for" filter. */
export function listVisitsForFilter(executor: Executor, eventId: number) {
	return executor
		.selectFrom('field_visits')
		.select(['id', 'title', 'departs_at'])
		.where('event_id', '=', eventId)
		.orderBy('departs_at')
		.orderBy('id')
		.execute();
}
