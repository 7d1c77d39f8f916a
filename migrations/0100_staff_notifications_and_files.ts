import { sql, type Kysely } from 'kysely';

// Staff notification settings (off, immediate, daily digest) read from the audit log through a
// cursor; a Reply-To on outbox rows (the event's contact address for mail to delegates); one
// `files` table for uploaded bytes (an announcement's PDF is stored once, attached to each mail);
// announcements that may go without the greeting and with one file; the event-wide audit page's
// index.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table emails add column reply_to text check (reply_to !~ '[\r\n]')`.execute(db);

	await sql`
		create table files (
			id bigint generated always as identity primary key,
			event_id bigint references events (id) on delete cascade,
			owner_user_id bigint references users (id) on delete set null,
			file_name text not null check (length(file_name) between 1 and 255 and file_name !~ '[\r\n"]'),
			content_type text not null check (content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
			size integer not null check (size >= 0),
			sha256 bytea not null check (octet_length(sha256) = 32),
			bytes bytea not null,
			created_at timestamptz not null,
			check (octet_length(bytes) = size)
		)
	`.execute(db);
	await sql`create index files_event_idx on files (event_id)`.execute(db);

	await sql`alter table announcements add column greeting boolean not null default true`.execute(
		db
	);
	await sql`alter table announcements add column file_id bigint references files (id) on delete set null`.execute(
		db
	);

	await sql`
		create table staff_notification_settings (
			event_id bigint not null references events (id) on delete cascade,
			user_id bigint not null references users (id) on delete cascade,
			mode text not null check (mode in ('off', 'immediate', 'digest')),
			-- The last audit entry already told (or judged not worth telling) to this person.
			notified_through bigint not null default 0 check (notified_through >= 0),
			-- The event's local day of the last digest: at most one a day.
			last_digest_on date,
			updated_at timestamptz not null,
			primary key (event_id, user_id)
		)
	`.execute(db);
	await sql`create index staff_notification_settings_active_idx on staff_notification_settings (mode) where mode <> 'off'`.execute(
		db
	);

	await sql`create index audit_log_event_id_idx on audit_log (event_id, id) where event_id is not null`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index if exists audit_log_event_id_idx`.execute(db);
	await sql`drop table if exists staff_notification_settings`.execute(db);
	await sql`alter table announcements drop column if exists file_id`.execute(db);
	await sql`alter table announcements drop column if exists greeting`.execute(db);
	await sql`drop table if exists files`.execute(db);
	await sql`alter table emails drop column if exists reply_to`.execute(db);
}
