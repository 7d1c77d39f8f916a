import { sql, type Kysely } from 'kysely';

// Events, who may work on them, their delegations (with quota counters) and programme.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table events (
			id bigint generated always as identity primary key,
			slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
			code text not null unique check (code ~ '^[A-Z0-9]{2,12}$'),
			title text not null check (length(title) between 1 and 200),
			series text,
			edition integer check (edition > 0),
			kind text not null check (kind in ('meeting', 'workshop', 'training')),
			starts_on date not null,
			ends_on date not null,
			venue text not null default '',
			city text not null default '',
			country char(2) check (country ~ '^[A-Z]{2}$'),
			time_zone text not null,
			description_md text not null default '',
			contact_email text not null,
			visibility text not null default 'public' check (visibility in ('public', 'unlisted')),
			status text not null default 'draft'
				check (status in ('draft', 'published', 'closed', 'archived', 'cancelled')),
			registration_mode text not null default 'open'
				check (registration_mode in ('invitation', 'open', 'approval')),
			registration_opens_at timestamptz,
			registration_closes_at timestamptz,
			invitations_bypass_window boolean not null default true,
			capacity integer check (capacity >= 0),
			seats_taken integer not null default 0 check (seats_taken >= 0),
			collect_visa_support boolean not null default false,
			privacy_notice text not null default '',
			host_placement text not null default 'last' check (host_placement in ('first', 'last', 'alphabetical')),
			organisations_placement text not null default 'last'
				check (organisations_placement in ('first', 'last', 'alphabetical')),
			retention_days integer not null default 180 check (retention_days between 1 and 3650),
			purged_at timestamptz,
			created_by bigint references users (id) on delete set null,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			published_at timestamptz,
			version integer not null default 1,
			check (ends_on >= starts_on),
			check (registration_closes_at is null or registration_opens_at is null
				or registration_closes_at > registration_opens_at),
			check (capacity is null or seats_taken <= capacity)
		)
	`.execute(db);
	await sql`create index events_listing_idx on events (status, visibility, starts_on)`.execute(db);

	await sql`
		create table event_staff (
			event_id bigint not null references events (id) on delete cascade,
			user_id bigint not null references users (id) on delete cascade,
			role text not null check (role in ('organizer', 'secretariat', 'checkin')),
			added_at timestamptz not null default now(),
			primary key (event_id, user_id)
		)
	`.execute(db);
	await sql`create index event_staff_user_idx on event_staff (user_id)`.execute(db);

	await sql`
		create table delegations (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			kind text not null check (kind in ('country', 'organisation')),
			country_code char(2) check (country_code ~ '^[A-Z]{2}$'),
			code text not null check (code ~ '^[A-Z0-9]{2,10}$'),
			name text not null check (length(name) between 1 and 120),
			quota integer check (quota >= 0),
			seats_taken integer not null default 0 check (seats_taken >= 0),
			next_number integer not null default 1 check (next_number >= 1),
			sort_order integer not null default 0,
			check ((kind = 'country') = (country_code is not null)),
			check (quota is null or seats_taken <= quota),
			unique (event_id, code),
			unique (event_id, name)
		)
	`.execute(db);

	await sql`
		create table programme_items (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			starts_at timestamptz not null,
			ends_at timestamptz not null,
			title text not null check (length(title) between 1 and 200),
			location text not null default '',
			description text not null default '',
			check (ends_at > starts_at)
		)
	`.execute(db);
	await sql`create index programme_items_event_idx on programme_items (event_id, starts_at)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['programme_items', 'delegations', 'event_staff', 'events']) {
		await sql`drop table if exists ${sql.table(table)}`.execute(db);
	}
}
