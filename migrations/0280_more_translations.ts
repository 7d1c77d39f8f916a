import { sql, type Kysely } from 'kysely';

// More of an organizer's texts in more than one language (as events, 0250, and visits, 0270):
// a question's label, help and section, a choice's label, a delegation's name, and an
// announcement's subject and message. A reader sees their language, else the English.
const TABLES = ['questions', 'question_choices', 'delegations', 'announcements'];

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of TABLES) {
		await sql`
			alter table ${sql.table(table)} add column translations jsonb not null default '{}'
				constraint ${sql.id(`${table}_translations_object`)} check (jsonb_typeof(translations) = 'object')
		`.execute(db);
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [...TABLES].reverse()) {
		await sql`alter table ${sql.table(table)} drop column if exists translations`.execute(db);
	}
}
