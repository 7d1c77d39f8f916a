import { sql, type Kysely } from 'kysely';

// A substitution asked for after the nomination deadline waits for the organizers: the person to
// replace, the replacement as the focal point typed them, and the decision.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table substitution_requests (
			id bigint generated always as identity primary key,
			registration_id bigint not null references registrations (id) on delete cascade,
			focal_point_id bigint references focal_points (id) on delete set null,
			replacement jsonb not null,
			status text not null default 'open' check (status in ('open', 'approved', 'refused')),
			requested_at timestamptz not null,
			decided_by bigint references users (id) on delete set null,
			decided_at timestamptz,
			replaced_by bigint references registrations (id) on delete set null,
			check ((status = 'open') = (decided_at is null))
		)
	`.execute(db);
	// One open request per person: a second one replaces nothing until the first is decided.
	await sql`
		create unique index substitution_requests_open_key on substitution_requests (registration_id)
		where status = 'open'
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists substitution_requests`.execute(db);
}
