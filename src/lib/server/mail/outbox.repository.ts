import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import { runPrepared } from '../db/prepared.ts';
import type { Database, EmailAttachment } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

export type NewEmail = {
	dedupeKey: string;
	recipient: string;
	template: string;
	subject: string;
	text: string;
	html: string;
	/** The token-bearing links hidden from text and html, encrypted (hidden-links.ts), or null. */
	linksEnc: string | null;
	attachments: EmailAttachment[];
	eventId: number | null;
	registrationId: number | null;
	/** Reply-To; left out, mail of an event answers to the event's contact address. */
	replyTo?: string | null;
	at: Date;
};

/** The channel a new or requeued row is announced on (delivered when the transaction commits). */
export const MAIL_CHANNEL = 'kaigi_outbox';

/**
 * The one way rows enter the outbox: inserts them in one statement (arrays unnested
 * server-side, so the number of bind parameters does not grow with the rows), skipping any
 * whose dedupe key exists, and — in the same statement, one round trip inside the caller's
 * transaction, which may hold a lock — wakes the workers when at least one row is new.
 * Returns the dedupe keys actually inserted.
 */
export async function insertEmails(executor: Executor, emails: NewEmail[]): Promise<string[]> {
	if (emails.length === 0) return [];
	const column = <T>(pick: (e: NewEmail) => T) => emails.map(pick);
	// Prepared (db/prepared.ts): one text for any number of rows.
	const rows = await runPrepared(
		executor,
		sql<{ keys: string[] }>`
		with inserted as (
			insert into emails (dedupe_key, recipient, template, subject, text_body, html_body,
				attachments, next_attempt_at, event_id, registration_id, created_at, reply_to, links_enc)
			select k, r, t, s, tb, hb, a::jsonb, at, ev, reg, at,
				case when own_rt then rt else (select contact_email from events where id = ev) end, le
			from unnest(
				${column((e) => e.dedupeKey)}::text[],
				${column((e) => e.recipient)}::text[],
				${column((e) => e.template)}::text[],
				${column((e) => e.subject)}::text[],
				${column((e) => e.text)}::text[],
				${column((e) => e.html)}::text[],
				${column((e) => JSON.stringify(e.attachments))}::text[],
				${column((e) => e.at.toISOString())}::timestamptz[],
				${column((e) => e.eventId)}::bigint[],
				${column((e) => e.registrationId)}::bigint[],
				${column((e) => e.replyTo !== undefined)}::boolean[],
				${column((e) => e.replyTo ?? null)}::text[],
				${column((e) => e.linksEnc)}::text[]
			) as rows (k, r, t, s, tb, hb, a, at, ev, reg, own_rt, rt, le)
			on conflict (dedupe_key) do nothing
			returning dedupe_key
		)
		select coalesce(array_agg(dedupe_key), '{}') as keys,
			case when count(*) > 0 then pg_notify(${MAIL_CHANNEL}, '') end as notified
		from inserted
	`.compile(executor)
	);
	return rows[0]?.keys ?? [];
}

/** Wakes outbox workers when the transaction commits (after a row was queued again). */
export async function notifyOutbox(executor: Executor) {
	await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(executor);
}

/**
 * Claims up to `limit` due rows for sending (FOR UPDATE SKIP LOCKED: many workers never take the
 * same row), marked with the claiming worker's connection pid when it has one.
 */
export async function claimDue(
	database: DB,
	at: Date,
	limit: number,
	claimer: number | null = null
) {
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
			.set({ status: 'sending', locked_at: at, locked_by: claimer, attempts: sql`attempts + 1` })
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
				'template',
				'links_enc'
			])
			.execute();
	});
}

/**
 * Records a delivery and wipes the message's hidden links (the stored copy keeps its markers).
 * `redacted`: the bodies to keep instead, for a message queued before links were hidden.
 */
export async function markSent(
	database: DB,
	id: number,
	at: Date,
	response: string,
	redacted?: { text: string; html: string }
) {
	await database
		.updateTable('emails')
		.set({
			status: 'sent',
			sent_at: at,
			locked_at: null,
			locked_by: null,
			smtp_response: response,
			last_error: null,
			links_enc: redacted
				? ''
				: sql<string | null>`case when links_enc is null then null else '' end`,
			...(redacted ? { text_body: redacted.text, html_body: redacted.html } : {})
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
			locked_by: null,
			last_error: error.slice(0, 2000)
		})
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.execute();
}

/**
 * Puts rows stuck in `sending` back in the queue: at once when the claiming worker's connection
 * is gone (it died mid-send); a row with no known claimer once claimed before `olderThan`; any row
 * after an hour (a pid taken over by another connection must not hold a message for ever).
 */
export async function requeueStuck(database: DB, olderThan: Date, at: Date): Promise<number> {
	const result = await database
		.updateTable('emails')
		.set({ status: 'queued', locked_at: null, locked_by: null, next_attempt_at: at })
		.where('status', '=', 'sending')
		.where((eb) =>
			eb.or([
				eb.and([eb('locked_by', 'is', null), eb('locked_at', '<', olderThan)]),
				eb.and([
					eb('locked_by', 'is not', null),
					sql<boolean>`not exists (select 1 from pg_stat_activity where pid = emails.locked_by)`
				]),
				eb('locked_at', '<', new Date(at.getTime() - 3_600_000))
			])
		)
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
		// Its links were wiped once it was sent: sending it again would send no working link.
		.where((eb) => eb.or([eb('links_enc', 'is', null), eb('links_enc', '<>', '')]))
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Queued or failed rows whose hidden links are still kept (encrypted), by id after `afterId`. */
export function listSealedLinksAfter(database: DB, afterId: number, limit: number) {
	return database
		.selectFrom('emails')
		.select(['id', 'links_enc'])
		.where('links_enc', 'is not', null)
		.where('links_enc', '<>', '')
		.where('id', '>', afterId)
		.orderBy('id')
		.limit(limit)
		.execute() as Promise<Array<{ id: number; links_enc: string }>>;
}

/** Replaces a row's encrypted links unless they changed meanwhile (sent, wiped); true when replaced. */
export async function replaceSealedLinks(executor: Executor, id: number, from: string, to: string) {
	const result = await executor
		.updateTable('emails')
		.set({ links_enc: to })
		.where('id', '=', id)
		.where('links_enc', '=', from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
