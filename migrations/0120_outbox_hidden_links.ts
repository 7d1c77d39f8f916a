import { sql, type Kysely } from 'kysely';

// Links carrying a one-time token are no longer stored in clear in the outbox
// (src/lib/server/mail/hidden-links.ts): a message is stored with markers in their place and
// the links themselves, encrypted with the PII key, in links_enc — wiped ('') once sent, which
// the database enforces. Messages already sent or given up on lose their links here, in SQL (the
// same shape of URL as the app recognises); a queued one keeps them until the worker sends it
// and then stores the redacted copy.

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table emails add column links_enc text`.execute(db);
	await sql`
		update emails
		set text_body = regexp_replace(text_body, ${URL_WITH_TOKEN}, '[link hidden]', 'g'),
			html_body = regexp_replace(html_body, ${URL_WITH_TOKEN}, '[link hidden]', 'g'),
			links_enc = ''
		where status in ('sent', 'failed')
			and (text_body ~ ${URL_WITH_TOKEN} or html_body ~ ${URL_WITH_TOKEN})
	`.execute(db);
	await sql`
		alter table emails add constraint emails_links_wiped_once_sent
			check (status <> 'sent' or links_enc is null or links_enc = '')
	`.execute(db);
}

// An http(s) URL with a path segment or query value of 24+ lower-case base32 characters.
const URL_WITH_TOKEN = `https?://[^\\s"'<>/?#]*[^\\s"'<>]*?[/=][a-z2-7]{24,}(?![A-Za-z0-9_-])[^\\s"'<>]*`;

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table emails drop constraint if exists emails_links_wiped_once_sent`.execute(db);
	await sql`alter table emails drop column if exists links_enc`.execute(db);
}
