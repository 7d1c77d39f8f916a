import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, EmailStatus } from '../db/schema.ts';
import { findOfEvent } from '../db/event-scoped.ts';

type Executor = DB | Transaction<Database>;

/** `recipient`: part of an address, any case ("anan", "@msdhs.example"). */
export type MailLogFilter = { status?: EmailStatus; template?: string; recipient?: string };

function filtered(executor: Executor, eventId: number, filter: MailLogFilter) {
	let query = executor.selectFrom('emails').where('event_id', '=', eventId);
	if (filter.status) query = query.where('status', '=', filter.status);
	if (filter.template) query = query.where('template', '=', filter.template);
	if (filter.recipient) {
		// % and _ typed into the box are themselves, not patterns.
		const part = filter.recipient.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
		query = query.where(sql`lower(recipient)`, 'like', `%${part}%`);
	}
	return query;
}

/** One page of an event's e-mails, newest first (bodies left out). */
export function listEventEmails(
	executor: Executor,
	eventId: number,
	filter: MailLogFilter,
	page: { limit: number; offset: number }
) {
	return filtered(executor, eventId, filter)
		.select([
			'id',
			'recipient',
			'subject',
			'template',
			'status',
			'attempts',
			'last_error',
			'next_attempt_at',
			'created_at',
			'sent_at'
		])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
}

/** How many of an event's e-mails match a filter. */
export async function countEventEmails(executor: Executor, eventId: number, filter: MailLogFilter) {
	const row = await filtered(executor, eventId, filter)
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The event's e-mail counts by status and the templates it has used, for the filters. */
export async function mailLogFacets(executor: Executor, eventId: number) {
	const rows = await executor
		.selectFrom('emails')
		.select(['status', 'template', (eb) => eb.fn.countAll<string>().as('n')])
		.where('event_id', '=', eventId)
		.groupBy(['status', 'template'])
		.execute();
	const byStatus: Record<string, number> = {};
	const templates = new Set<string>();
	for (const row of rows) {
		byStatus[row.status] = (byStatus[row.status] ?? 0) + Number(row.n);
		templates.add(row.template);
	}
	return { byStatus, templates: [...templates].sort() };
}

/** One of an event's e-mails, everything included; undefined when it is another event's. */
export function findEventEmail(executor: Executor, eventId: number, id: number) {
	return findOfEvent(executor, 'emails', eventId, id);
}
