import { sql, type Kysely } from 'kysely';

// Offline check-in (DESIGN §12): every check-in a desk made without a network arrives with an id
// the device chose, so a replayed sync changes nothing; the answer given to it is kept beside it.
// Field-visit roll calls are a history of marks per stop, each with its device id as well.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table offline_checkins (
			client_id uuid primary key,
			event_id integer not null references events (id) on delete cascade,
			registration_id integer not null references registrations (id) on delete cascade,
			device_at timestamptz not null,
			synced_by integer not null references users (id),
			synced_at timestamptz not null default now(),
			outcome text not null check (outcome in ('done', 'already', 'cancelled')),
			message text not null default ''
		)
	`.execute(db);
	await sql`create index offline_checkins_event_idx on offline_checkins (event_id, synced_at desc)`.execute(
		db
	);
	await sql`
		create table roll_calls (
			id serial primary key,
			client_id uuid not null unique,
			visit_id integer not null references field_visits (id) on delete cascade,
			stop_id integer references field_visit_stops (id) on delete cascade,
			registration_id integer not null references registrations (id) on delete cascade,
			state text not null check (state in ('boarded', 'left', 'absent')),
			marked_by integer not null references users (id),
			marked_at timestamptz not null,
			synced_at timestamptz not null default now()
		)
	`.execute(db);
	await sql`create index roll_calls_visit_idx on roll_calls (visit_id, stop_id, registration_id, marked_at desc)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists roll_calls`.execute(db);
	await sql`drop table if exists offline_checkins`.execute(db);
}
