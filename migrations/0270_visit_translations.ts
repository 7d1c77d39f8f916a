import { sql, type Kysely } from 'kysely';

// Field visits and their stops in more than one language, as events and programme items are
// (0250): a visit's title, summary and meeting point and a stop's place and activity may be
// written in Japanese beside the English; a delegate reads their language, else the English.
export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of ['field_visits', 'field_visit_stops']) {
		await sql`
			alter table ${sql.table(table)} add column translations jsonb not null default '{}'
				constraint ${sql.id(`${table}_translations_object`)} check (jsonb_typeof(translations) = 'object')
		`.execute(db);
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['field_visit_stops', 'field_visits']) {
		await sql`alter table ${sql.table(table)} drop column if exists translations`.execute(db);
	}
}
