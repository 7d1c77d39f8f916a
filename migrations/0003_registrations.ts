import { sql, type Kysely } from 'kysely';

// Registrations, invitations and the e-mail outbox.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table invitations (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			email text not null check (email = lower(email)),
			honorific text,
			given_name text,
			family_name text not null,
			delegation_id bigint references delegations (id) on delete set null,
			organisation text not null default '',
			position text not null default '',
			category text not null default 'delegate' check (category in
				('head_of_delegation', 'delegate', 'observer', 'resource_person', 'secretariat', 'press')),
			personal_message text not null default '',
			token_hash bytea not null unique,
			status text not null default 'pending'
				check (status in ('pending', 'sent', 'accepted', 'declined', 'revoked')),
			expires_at timestamptz not null,
			sent_at timestamptz,
			reminded_at timestamptz,
			responded_at timestamptz,
			decline_reason text,
			invited_by bigint references users (id) on delete set null,
			registration_id bigint,
			created_at timestamptz not null default now(),
			unique (event_id, email),
			check (registration_id is null or status = 'accepted')
		)
	`.execute(db);
	await sql`create index invitations_event_status_idx on invitations (event_id, status)`.execute(
		db
	);

	await sql`
		create table registrations (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			user_id bigint not null references users (id),
			invitation_id bigint references invitations (id) on delete set null,
			delegation_id bigint not null references delegations (id),
			reference text not null unique,
			status text not null check (status in ('pending', 'confirmed', 'waitlisted', 'declined', 'cancelled')),
			category text not null check (category in
				('head_of_delegation', 'delegate', 'observer', 'resource_person', 'secretariat', 'press')),
			honorific text,
			given_name text,
			family_name text not null check (length(family_name) between 1 and 100),
			badge_name text not null,
			native_name text,
			position text not null default '',
			organisation text not null default '',
			email text not null check (email = lower(email)),
			phone text not null default '',
			nationality char(2),
			visa_data_enc text,
			dietary text not null default 'none'
				check (dietary in ('none', 'vegetarian', 'vegan', 'halal', 'kosher', 'other')),
			dietary_notes text not null default '',
			accessibility_needs text not null default '',
			arrival_at timestamptz,
			arrival_flight text not null default '',
			arrival_airport text not null default '',
			departure_at timestamptz,
			departure_flight text not null default '',
			departure_airport text not null default '',
			accommodation text not null default '',
			emergency_contact text not null default '',
			consent_data_processing boolean not null check (consent_data_processing),
			consent_email_in_list boolean not null default false,
			decline_reason text,
			submission_key text,
			calendar_token_hash bytea unique,
			checked_in_at timestamptz,
			checked_in_by bigint references users (id) on delete set null,
			created_at timestamptz not null,
			updated_at timestamptz not null,
			status_changed_at timestamptz not null,
			version integer not null default 1,
			check (departure_at is null or arrival_at is null or departure_at >= arrival_at),
			check (checked_in_by is null or checked_in_at is not null),
			unique (event_id, submission_key)
		)
	`.execute(db);
	// One active registration per e-mail per event; cancelled or declined people may register again.
	await sql`
		create unique index registrations_active_email_key on registrations (event_id, email)
		where status not in ('cancelled', 'declined')
	`.execute(db);
	await sql`create index registrations_event_status_idx on registrations (event_id, status, created_at, id)`.execute(
		db
	);
	await sql`create index registrations_event_delegation_idx on registrations (event_id, delegation_id)`.execute(
		db
	);
	await sql`create index registrations_user_idx on registrations (user_id)`.execute(db);
	await sql`
		alter table invitations add constraint invitations_registration_fk
		foreign key (registration_id) references registrations (id) on delete set null
	`.execute(db);

	await sql`
		create table emails (
			id bigint generated always as identity primary key,
			dedupe_key text not null unique,
			recipient text not null check (recipient !~ '[\r\n]'),
			template text not null,
			subject text not null check (subject !~ '[\r\n]'),
			text_body text not null,
			html_body text not null,
			attachments jsonb not null default '[]'::jsonb,
			status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
			attempts integer not null default 0 check (attempts >= 0),
			next_attempt_at timestamptz not null,
			locked_at timestamptz,
			last_error text,
			smtp_response text,
			event_id bigint references events (id) on delete cascade,
			registration_id bigint references registrations (id) on delete set null,
			created_at timestamptz not null,
			sent_at timestamptz
		)
	`.execute(db);
	await sql`create index emails_due_idx on emails (next_attempt_at) where status = 'queued'`.execute(
		db
	);
	await sql`create index emails_sending_idx on emails (locked_at) where status = 'sending'`.execute(
		db
	);
	await sql`create index emails_event_idx on emails (event_id, created_at desc)`.execute(db);
	await sql`create index emails_registration_idx on emails (registration_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists emails`.execute(db);
	await sql`alter table invitations drop constraint if exists invitations_registration_fk`.execute(
		db
	);
	await sql`drop table if exists registrations`.execute(db);
	await sql`drop table if exists invitations`.execute(db);
}
