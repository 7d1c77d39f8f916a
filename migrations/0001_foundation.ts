import { sql, type Kysely } from 'kysely';

// Staff accounts, Lucia-style sessions, one-time sign-in links, the audit log and rate limits.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table users (
			id bigint generated always as identity primary key,
			email text not null check (email = lower(email) and length(email) between 3 and 254),
			display_name text not null check (length(display_name) between 1 and 200),
			password_hash text,
			is_admin boolean not null default false,
			is_staff boolean not null default false,
			disabled_at timestamptz,
			created_at timestamptz not null default now(),
			check (not is_admin or is_staff)
		)
	`.execute(db);
	await sql`create unique index users_email_key on users (email)`.execute(db);

	await sql`
		create table sessions (
			id text primary key,
			user_id bigint not null references users (id) on delete cascade,
			secret_hash bytea not null,
			auth_method text not null check (auth_method in ('password', 'email_link')),
			created_at timestamptz not null,
			last_verified_at timestamptz not null,
			expires_at timestamptz not null,
			check (expires_at > created_at)
		)
	`.execute(db);
	await sql`create index sessions_user_id_idx on sessions (user_id)`.execute(db);

	await sql`
		create table sign_in_tokens (
			id bigint generated always as identity primary key,
			token_hash bytea not null unique,
			user_id bigint not null references users (id) on delete cascade,
			purpose text not null check (purpose in ('delegate_sign_in')),
			created_at timestamptz not null,
			expires_at timestamptz not null,
			used_at timestamptz,
			check (expires_at > created_at)
		)
	`.execute(db);
	await sql`create index sign_in_tokens_user_id_idx on sign_in_tokens (user_id)`.execute(db);

	await sql`
		create table audit_log (
			id bigint generated always as identity primary key,
			at timestamptz not null,
			actor_user_id bigint references users (id) on delete set null,
			action text not null,
			entity_type text not null,
			entity_id text not null,
			event_id bigint,
			diff jsonb not null default '{}'::jsonb
		)
	`.execute(db);
	await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id, at)`.execute(
		db
	);
	await sql`create index audit_log_event_idx on audit_log (event_id, at) where event_id is not null`.execute(
		db
	);

	await sql`
		create table rate_limits (
			key text primary key,
			count integer not null check (count >= 0),
			window_started_at timestamptz not null,
			blocked_until timestamptz
		)
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['rate_limits', 'audit_log', 'sign_in_tokens', 'sessions', 'users']) {
		await sql`drop table if exists ${sql.table(table)}`.execute(db);
	}
}
