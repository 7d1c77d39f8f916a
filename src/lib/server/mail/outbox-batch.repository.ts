import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewEmail } from './outbox.repository.ts';

/**
 * Inserts many outbox rows with one statement (arrays unnested server-side, so the number of
 * bind parameters does not grow with the rows). Rows whose dedupe key exists are skipped.
 * Returns the dedupe keys actually inserted.
 */
export async function insertEmails(
	trx: Transaction<Database>,
	emails: NewEmail[]
): Promise<string[]> {
	if (emails.length === 0) return [];
	const column = <T>(pick: (e: NewEmail) => T) => emails.map(pick);
	const result = await sql<{ dedupe_key: string }>`
		insert into emails (dedupe_key, recipient, template, subject, text_body, html_body,
			attachments, next_attempt_at, event_id, registration_id, created_at, reply_to)
		select k, r, t, s, tb, hb, a::jsonb, at, ev, reg, at,
			case when own_rt then rt else (select contact_email from events where id = ev) end
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
			${column((e) => e.replyTo ?? null)}::text[]
		) as rows (k, r, t, s, tb, hb, a, at, ev, reg, own_rt, rt)
		on conflict (dedupe_key) do nothing
		returning dedupe_key
	`.execute(trx);
	return result.rows.map((row) => row.dedupe_key);
}
