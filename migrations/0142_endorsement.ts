import { sql, type Kysely } from 'kysely';

// Endorsement by focal points (per event, optional): a registration from a country's officials
// waits for its delegation's focal point before the secretariat decides.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table events add column endorsement_required boolean not null default false`.execute(
		db
	);
	await sql`
		alter table registrations add column endorsement text
			check (endorsement in ('awaiting', 'endorsed', 'declined'))
	`.execute(db);
	await sql`
		create index registrations_awaiting_endorsement_idx on registrations (event_id, delegation_id)
		where endorsement = 'awaiting'
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table registrations drop column if exists endorsement`.execute(db);
	await sql`alter table events drop column if exists endorsement_required`.execute(db);
}
