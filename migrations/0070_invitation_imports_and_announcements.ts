import { sql, type Kysely } from 'kysely';

// A CSV upload waiting for the organizer's confirmation (its raw rows are re-validated on
// confirm, so nothing the browser sends back is trusted), and announcements sent to registrants.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table invitation_imports (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			created_by bigint references users (id) on delete set null,
			file_name text not null default '',
			header text[] not null,
			records jsonb not null,
			created_at timestamptz not null,
			expires_at timestamptz not null,
			confirmed_at timestamptz,
			check (expires_at > created_at)
		)
	`.execute(db);
	await sql`create index invitation_imports_event_idx on invitation_imports (event_id, created_at)`.execute(
		db
	);

	await sql`
		create table announcements (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			subject text not null check (length(subject) between 1 and 200 and subject !~ '[\r\n]'),
			body text not null check (length(body) between 1 and 20000),
			filter jsonb not null default '{}'::jsonb,
			recipient_count integer not null check (recipient_count >= 0),
			sent_by bigint references users (id) on delete set null,
			-- Set by the preview form, so a double-submitted "Send" sends once.
			send_key text not null check (length(send_key) between 16 and 64),
			created_at timestamptz not null,
			unique (event_id, send_key)
		)
	`.execute(db);
	await sql`create index announcements_event_idx on announcements (event_id, created_at desc)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists announcements`.execute(db);
	await sql`drop table if exists invitation_imports`.execute(db);
}
