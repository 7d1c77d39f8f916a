import { sql, type Kysely } from 'kysely';

// Corrections by staff and by delegates: who entered a registration (the person or an
// organizer on their behalf), e-mail address changes confirmed from the new address, and
// delegation or category changes that staff approve after confirmation.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table registrations
			add column entered_by_kind text not null default 'self'
				check (entered_by_kind in ('self', 'organizer')),
			add column entered_by bigint references users (id) on delete set null
	`.execute(db);

	await sql`
		create table email_changes (
			id bigint generated always as identity primary key,
			user_id bigint not null references users (id) on delete cascade,
			new_email text not null check (new_email = lower(new_email) and length(new_email) between 3 and 254),
			token_hash bytea not null unique,
			created_at timestamptz not null,
			expires_at timestamptz not null,
			used_at timestamptz,
			check (expires_at > created_at)
		)
	`.execute(db);
	await sql`create index email_changes_user_idx on email_changes (user_id)`.execute(db);

	await sql`
		create table registration_change_requests (
			id bigint generated always as identity primary key,
			registration_id bigint not null references registrations (id) on delete cascade,
			event_id bigint not null references events (id) on delete cascade,
			delegation_id bigint not null references delegations (id) on delete cascade,
			category text not null check (category in
				('head_of_delegation', 'delegate', 'observer', 'resource_person', 'secretariat', 'press')),
			status text not null default 'open' check (status in ('open', 'approved', 'refused')),
			requested_by bigint references users (id) on delete set null,
			requested_at timestamptz not null,
			decided_by bigint references users (id) on delete set null,
			decided_at timestamptz,
			reason text not null default '',
			check ((status = 'open') = (decided_at is null))
		)
	`.execute(db);
	// One open request per registration: a new request replaces the open one.
	await sql`
		create unique index registration_change_requests_open_key
		on registration_change_requests (registration_id) where status = 'open'
	`.execute(db);
	await sql`
		create index registration_change_requests_event_idx
		on registration_change_requests (event_id, status)
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists registration_change_requests`.execute(db);
	await sql`drop table if exists email_changes`.execute(db);
	await sql`
		alter table registrations drop column if exists entered_by, drop column if exists entered_by_kind
	`.execute(db);
}
