import { sql, type Kysely } from 'kysely';

// Delegations run by their focal points: each country's ministry desk or embassy nominates its
// delegation within a quota per category, names its head, substitutes people and sends the
// nomination letter. Focal points open their delegation's page by one-time links; a quota per
// category is counted under the event lock from the delegation's own rows; at most one head per
// delegation (the primary key); letters are files received, then verified or rejected.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table events
			add column nomination_deadline timestamptz,
			add column nomination_reminder_days integer
				check (nomination_reminder_days between 1 and 60)
	`.execute(db);

	await sql`
		create table focal_points (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			delegation_id bigint not null references delegations (id) on delete cascade,
			user_id bigint not null references users (id),
			name text not null check (length(name) between 1 and 200),
			email text not null check (email = lower(email) and length(email) <= 254),
			organisation text not null default '' check (length(organisation) <= 200),
			phone text not null default '' check (length(phone) <= 40),
			language text not null default 'en' check (language in ('en', 'ja')),
			called_at timestamptz,
			reminded_at timestamptz,
			auto_reminded_at timestamptz,
			created_at timestamptz not null,
			unique (delegation_id, email)
		)
	`.execute(db);
	await sql`create index focal_points_event_idx on focal_points (event_id, delegation_id)`.execute(
		db
	);
	await sql`create index focal_points_user_idx on focal_points (user_id)`.execute(db);

	await sql`
		create table focal_point_links (
			id bigint generated always as identity primary key,
			focal_point_id bigint not null references focal_points (id) on delete cascade,
			token_hash bytea not null unique check (octet_length(token_hash) = 32),
			created_at timestamptz not null,
			expires_at timestamptz not null,
			used_at timestamptz,
			check (expires_at > created_at)
		)
	`.execute(db);
	await sql`create index focal_point_links_owner_idx on focal_point_links (focal_point_id)`.execute(
		db
	);

	await sql`
		create table delegation_quotas (
			delegation_id bigint not null references delegations (id) on delete cascade,
			category text not null check (category in
				('head_of_delegation', 'delegate', 'observer', 'resource_person', 'secretariat', 'press')),
			quota integer not null check (quota between 0 and 999),
			primary key (delegation_id, category)
		)
	`.execute(db);

	await sql`
		create table delegation_heads (
			delegation_id bigint primary key references delegations (id) on delete cascade,
			registration_id bigint not null unique references registrations (id) on delete cascade,
			designated_by bigint references users (id) on delete set null,
			designated_at timestamptz not null
		)
	`.execute(db);

	await sql`
		create table delegation_letters (
			id bigint generated always as identity primary key,
			delegation_id bigint not null references delegations (id) on delete cascade,
			file_id bigint not null references files (id),
			status text not null default 'received' check (status in ('received', 'verified', 'rejected')),
			uploaded_by bigint references users (id) on delete set null,
			uploaded_at timestamptz not null,
			decided_by bigint references users (id) on delete set null,
			decided_at timestamptz,
			reason text check (length(reason) <= 500),
			check ((status = 'received') = (decided_at is null)),
			check (status <> 'rejected' or length(reason) > 0)
		)
	`.execute(db);
	await sql`create index delegation_letters_delegation_idx on delegation_letters (delegation_id, id desc)`.execute(
		db
	);

	await sql`alter table registrations drop constraint registrations_entered_by_kind_check`.execute(
		db
	);
	await sql`
		alter table registrations
			add constraint registrations_entered_by_kind_check
				check (entered_by_kind in ('self', 'organizer', 'focal_point')),
			add column replaces_registration_id bigint references registrations (id) on delete set null
	`.execute(db);
	await sql`
		alter table invitations
			add column focal_point_id bigint references focal_points (id) on delete set null
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table invitations drop column if exists focal_point_id`.execute(db);
	await sql`alter table registrations drop column if exists replaces_registration_id`.execute(db);
	await sql`update registrations set entered_by_kind = 'organizer' where entered_by_kind = 'focal_point'`.execute(
		db
	);
	await sql`alter table registrations drop constraint registrations_entered_by_kind_check`.execute(
		db
	);
	await sql`alter table registrations add constraint registrations_entered_by_kind_check check (entered_by_kind in ('self', 'organizer'))`.execute(
		db
	);
	for (const table of [
		'delegation_letters',
		'delegation_heads',
		'delegation_quotas',
		'focal_point_links',
		'focal_points'
	]) {
		await sql`drop table if exists ${sql.table(table)}`.execute(db);
	}
	await sql`alter table events drop column if exists nomination_reminder_days, drop column if exists nomination_deadline`.execute(
		db
	);
}
