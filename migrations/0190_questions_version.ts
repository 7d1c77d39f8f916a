import { sql, type Kysely } from 'kysely';

// Each change to an event's questions counts up its questions version, in the same transaction:
// the answers schema built from the questions is kept per (event, version) and built again only
// after a change.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table events add column questions_version integer not null default 0
			check (questions_version >= 0)
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table events drop column if exists questions_version`.execute(db);
}
