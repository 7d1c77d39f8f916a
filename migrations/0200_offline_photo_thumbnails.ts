import { sql, type Kysely } from 'kysely';

// The offline check-in list carries a small copy of each badge photo, so the desk and the
// escort see the face with no network. It is made once, when the photo is stored (photos
// stored before this get theirs the first time a list is downloaded), and kept beside the
// photo: replacing or removing the photo replaces or removes it in the same row.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table badge_photos add column thumbnail bytea
			check (thumbnail is null or octet_length(thumbnail) between 1 and 32768)
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table badge_photos drop column if exists thumbnail`.execute(db);
}
