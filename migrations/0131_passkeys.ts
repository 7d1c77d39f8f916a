import { sql, type Kysely } from 'kysely';

// Passkeys (WebAuthn, platform or security key) as a second factor: the credential's public key
// (P-256, ES256), its signature counter (a cloned key shows a counter that does not move
// forward), and one-time challenges bound to the session that asked for them.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table passkeys (
			id bytea primary key check (octet_length(id) between 16 and 1023),
			user_id bigint not null references users (id) on delete cascade,
			name text not null check (length(name) between 1 and 100),
			algorithm integer not null check (algorithm = -7),
			public_key bytea not null check (octet_length(public_key) = 65),
			sign_count bigint not null default 0 check (sign_count >= 0),
			created_at timestamptz not null,
			last_used_at timestamptz
		)
	`.execute(db);
	await sql`create index passkeys_user_idx on passkeys (user_id)`.execute(db);
	await sql`
		create table webauthn_challenges (
			challenge_hash bytea primary key check (octet_length(challenge_hash) = 32),
			session_id text not null references sessions (id) on delete cascade,
			purpose text not null check (purpose in ('register', 'sign_in')),
			expires_at timestamptz not null
		)
	`.execute(db);
	await sql`create index webauthn_challenges_session_idx on webauthn_challenges (session_id)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists webauthn_challenges`.execute(db);
	await sql`drop table if exists passkeys`.execute(db);
}
