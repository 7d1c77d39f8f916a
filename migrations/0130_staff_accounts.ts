import { sql, type Kysely } from 'kysely';

// Staff accounts as a ministry's IT expects them: creating events is a right an administrator
// gives (not every staff account has it); one-time links to set a password (an invitation) or
// reset a forgotten one, in the one-time-token table; a session that still waits for its second
// factor (or for the person to enrol one) has no staff powers; TOTP factors with the last step
// used (a code works once); recovery codes (hashes only); and the administrator's security
// settings (one row).
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table users add column can_create_events boolean not null default false`.execute(
		db
	);
	await sql`alter table users add constraint users_can_create_events_staff check (not can_create_events or is_staff)`.execute(
		db
	);
	// Who already created an event keeps the right; everyone else is given it by an administrator.
	await sql`
		update users set can_create_events = true
		where is_staff and not is_admin and id in (select created_by from events where created_by is not null)
	`.execute(db);

	await sql`alter table sign_in_tokens drop constraint sign_in_tokens_purpose_check`.execute(db);
	await sql`
		alter table sign_in_tokens add constraint sign_in_tokens_purpose_check
			check (purpose in ('delegate_sign_in', 'staff_invitation', 'password_reset'))
	`.execute(db);

	await sql`
		alter table sessions add column awaiting text
			check (awaiting is null or (awaiting in ('second_factor', 'enrolment') and auth_method = 'password'))
	`.execute(db);

	await sql`
		create table totp_factors (
			user_id bigint primary key references users (id) on delete cascade,
			-- The 20-byte secret, encrypted with the PII key (like passport data): a copy of the
			-- database alone cannot produce anyone's codes.
			secret_enc text not null,
			-- The last 30-second step whose code was accepted: a code is never accepted twice.
			last_used_step bigint,
			created_at timestamptz not null,
			confirmed_at timestamptz
		)
	`.execute(db);

	await sql`
		create table recovery_codes (
			id bigint generated always as identity primary key,
			user_id bigint not null references users (id) on delete cascade,
			code_hash bytea not null unique check (octet_length(code_hash) = 32),
			created_at timestamptz not null,
			used_at timestamptz
		)
	`.execute(db);
	await sql`create index recovery_codes_user_idx on recovery_codes (user_id)`.execute(db);

	await sql`
		create table security_settings (
			id integer primary key check (id = 1),
			require_second_factor boolean not null default false,
			updated_at timestamptz,
			updated_by bigint references users (id) on delete set null
		)
	`.execute(db);
	await sql`insert into security_settings (id) values (1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists security_settings`.execute(db);
	await sql`drop table if exists recovery_codes`.execute(db);
	await sql`drop table if exists totp_factors`.execute(db);
	await sql`alter table sessions drop column if exists awaiting`.execute(db);
	await sql`delete from sign_in_tokens where purpose <> 'delegate_sign_in'`.execute(db);
	await sql`alter table sign_in_tokens drop constraint sign_in_tokens_purpose_check`.execute(db);
	await sql`alter table sign_in_tokens add constraint sign_in_tokens_purpose_check check (purpose in ('delegate_sign_in'))`.execute(
		db
	);
	await sql`alter table users drop column if exists can_create_events`.execute(db);
}
