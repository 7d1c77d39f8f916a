import { sql, type Kysely } from 'kysely';

// Field visits with ordered stops and seat-limited sign-ups (counter in the visit row).
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table field_visits (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			title text not null check (length(title) between 1 and 200),
			summary text not null default '',
			meeting_point text not null default '',
			departs_at timestamptz not null,
			returns_at timestamptz not null,
			transport text not null default '',
			seats integer not null check (seats >= 0),
			seats_taken integer not null default 0 check (seats_taken >= 0),
			eligible_categories text[],
			status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
			version integer not null default 1,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			check (returns_at > departs_at),
			check (seats_taken <= seats)
		)
	`.execute(db);
	await sql`create index field_visits_event_idx on field_visits (event_id, departs_at)`.execute(db);

	await sql`
		create table field_visit_stops (
			id bigint generated always as identity primary key,
			visit_id bigint not null references field_visits (id) on delete cascade,
			position integer not null check (position >= 1),
			arrives_at timestamptz not null,
			leaves_at timestamptz not null,
			place text not null check (length(place) between 1 and 200),
			address text not null default '',
			activity text not null default '',
			host_contact text not null default '',
			check (leaves_at >= arrives_at),
			unique (visit_id, position) deferrable initially deferred
		)
	`.execute(db);

	await sql`
		create table field_visit_signups (
			id bigint generated always as identity primary key,
			visit_id bigint not null references field_visits (id) on delete cascade,
			registration_id bigint not null references registrations (id) on delete cascade,
			status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
			created_at timestamptz not null,
			updated_at timestamptz not null
		)
	`.execute(db);
	await sql`
		create unique index field_visit_signups_active_key on field_visit_signups (visit_id, registration_id)
		where status <> 'cancelled'
	`.execute(db);
	await sql`create index field_visit_signups_registration_idx on field_visit_signups (registration_id)`.execute(
		db
	);
	await sql`create index field_visit_signups_waitlist_idx on field_visit_signups (visit_id, status, created_at, id)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['field_visit_signups', 'field_visit_stops', 'field_visits']) {
		await sql`drop table if exists ${sql.table(table)}`.execute(db);
	}
}
