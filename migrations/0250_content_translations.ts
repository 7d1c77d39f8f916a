import { sql, type Kysely } from 'kysely';

// Event content in more than one language: the organizer writes the title, venue, description
// and privacy notice of an event, and the title, place and description of each programme item,
// in English and (optionally) in Japanese; a visitor reads their language, falling back to the
// English text. `translations` maps a language tag to the fields written in it:
// {"ja": {"title": "第6回ASEAN高級実務者会合", "venue": "…"}}. A language added later needs no
// new column. The event's official language says which one its exports, List of Participants
// and badges are in (English unless the organizer sets another).
export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of ['events', 'programme_items']) {
		await sql`
			alter table ${sql.table(table)} add column translations jsonb not null default '{}'
				constraint ${sql.id(`${table}_translations_object`)} check (jsonb_typeof(translations) = 'object')
		`.execute(db);
	}
	await sql`
		alter table events add column official_language text not null default 'en'
			constraint events_official_language_tag check (official_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table events drop column if exists official_language`.execute(db);
	for (const table of ['programme_items', 'events']) {
		await sql`alter table ${sql.table(table)} drop column if exists translations`.execute(db);
	}
}
