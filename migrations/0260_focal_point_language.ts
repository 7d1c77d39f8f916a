import { sql, type Kysely } from 'kysely';

// The language a focal point reads Kaigi in: the one of the delegation page they last acted on,
// in which their mails (calls, reminders, letters, nominations) are then written. The column
// came with the focal points (0140), limited to 'en' and 'ja'; like a person's language (0220)
// it now takes any well-formed BCP 47 tag, and the app falls back to English for one it does
// not know.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table focal_points
			alter column language set default 'en',
			drop constraint if exists focal_points_language_check,
			add constraint focal_points_language_tag
				check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`update focal_points set language = 'en' where language not in ('en', 'ja')`.execute(db);
	await sql`
		alter table focal_points
			drop constraint if exists focal_points_language_tag,
			add constraint focal_points_language_check check (language in ('en', 'ja'))
	`.execute(db);
}
