import { sql, type QueryCreator, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, EmailAttachment } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

export type NewEmail = {
	dedupeKey: string;
	recipient: string;
	template: string;
	subject: string;
	text: string;
	html: string;
	attachments: EmailAttachment[];
	eventId: number | null;
	registrationId: number | null;
	/** Reply-To; left out, mail of an event answers to the event's contact address. */
	replyTo?: string | null;
	at: Date;
};

/** The Reply-To an outbox row gets: the one given, else the event's contact address. */
function replyToOf(email: NewEmail) {
	if (email.replyTo !== undefined) return email.replyTo;
	if (email.eventId === null) return null;
	return sql<string>`(select contact_email from events where id = ${email.eventId})`;
}

/**
 * Inserts an outbox row unless one with the same dedupe key exists; returns whether it was new.
 * With `notifyChannel`, a new row also notifies that channel (delivered on commit) in the same
 * statement: one round trip less inside the caller's transaction, which may hold a lock.
 */
export async function insertEmail(
	executor: Executor,
	email: NewEmail,
	notifyChannel?: string
): Promise<boolean> {
	const insert = (db: QueryCreator<Database>) =>
		db
			.insertInto('emails')
			.values({
				dedupe_key: email.dedupeKey,
				recipient: email.recipient,
				template: email.template,
				subject: email.subject,
				text_body: email.text,
				html_body: email.html,
				attachments: JSON.stringify(email.attachments),
				next_attempt_at: email.at,
				event_id: email.eventId,
				registration_id: email.registrationId,
				reply_to: replyToOf(email),
				created_at: email.at
			})
			.onConflict((oc) => oc.column('dedupe_key').doNothing());
	if (notifyChannel) {
		const rows = await executor
			.with('inserted', (db) => insert(db).returning('id'))
			.selectFrom('inserted')
			.select(sql<string>`pg_notify(${notifyChannel}, '')`.as('notified'))
			.execute();
		return rows.length > 0;
	}
	const result = await insert(executor).executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Claims up to `limit` due rows for sending (FOR UPDATE SKIP LOCKED: many workers never take the same row). */
export async function claimDue(database: DB, at: Date, limit: number) {
	return database.transaction().execute(async (trx) => {
		const due = await trx
			.selectFrom('emails')
			.select('id')
			.where('status', '=', 'queued')
			.where('next_attempt_at', '<=', at)
			.orderBy('next_attempt_at')
			.limit(limit)
			.forUpdate()
			.skipLocked()
			.execute();
		if (due.length === 0) return [];
		return trx
			.updateTable('emails')
			.set({ status: 'sending', locked_at: at, attempts: sql`attempts + 1` })
			.where(
				'id',
				'in',
				due.map((row) => row.id)
			)
			.returning([
				'id',
				'dedupe_key',
				'recipient',
				'subject',
				'text_body',
				'html_body',
				'attachments',
				'attempts',
				'reply_to',
				'event_id',
				'template'
			])
			.execute();
	});
}

/** Records a delivery. */
export async function markSent(database: DB, id: number, at: Date, response: string) {
	await database
		.updateTable('emails')
		.set({
			status: 'sent',
			sent_at: at,
			locked_at: null,
			smtp_response: response,
			last_error: null
		})
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.execute();
}

/** Records a failed attempt: back to the queue at `retryAt`, or failed for good when null. */
export async function markAttemptFailed(
	database: DB,
	id: number,
	error: string,
	retryAt: Date | null
) {
	await database
		.updateTable('emails')
		.set({
			status: retryAt ? 'queued' : 'failed',
			next_attempt_at: retryAt ?? sql`next_attempt_at`,
			locked_at: null,
			last_error: error.slice(0, 2000)
		})
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.execute();
}

/** Puts rows stuck in `sending` (a worker died mid-send) back in the queue. */
export async function requeueStuck(database: DB, olderThan: Date, at: Date): Promise<number> {
	const result = await database
		.updateTable('emails')
		.set({ status: 'queued', locked_at: null, next_attempt_at: at })
		.where('status', '=', 'sending')
		.where('locked_at', '<', olderThan)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** The earliest time a queued row becomes due, to sleep until then. */
export async function nextDueAt(database: DB): Promise<Date | null> {
	const row = await database
		.selectFrom('emails')
		.select((eb) => eb.fn.min('next_attempt_at').as('next'))
		.where('status', '=', 'queued')
		.executeTakeFirst();
	return (row?.next as Date | null) ?? null;
}

/** Queues a row again now (organizer's resend of a failed or sent message). */
export async function requeueEmail(executor: Executor, id: number, at: Date) {
	const result = await executor
		.updateTable('emails')
		.set({ status: 'queued', next_attempt_at: at, locked_at: null, last_error: null })
		.where('id', '=', id)
		.where('status', 'in', ['failed', 'sent'])
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
