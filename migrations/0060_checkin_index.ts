import { sql, type Kysely } from 'kysely';

// The check-in desk lists the latest check-ins of an event and counts them all day long;
// a partial index keeps both off the rest of the registrations.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create index registrations_event_checked_in_idx on registrations (event_id, checked_in_at desc)
		where checked_in_at is not null
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index if exists registrations_event_checked_in_idx`.execute(db);
}
