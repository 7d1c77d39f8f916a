import { sql, type Kysely } from 'kysely';

// Photos on badges: whether an event asks for them (off, optional, required), and each
// registration's photo — already cropped, resized and stripped of metadata — in the one files
// table. The photo goes with its registration; its file goes with its photo (a trigger, so no
// path that removes a photo can leave the bytes of a face behind).
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table events add column photo_policy text not null default 'off'
			check (photo_policy in ('off', 'optional', 'required'))
	`.execute(db);
	await sql`
		create table badge_photos (
			registration_id bigint primary key references registrations (id) on delete cascade,
			file_id bigint not null unique references files (id) on delete cascade,
			uploaded_by bigint references users (id) on delete set null,
			updated_at timestamptz not null
		)
	`.execute(db);
	await sql`
		create function badge_photo_file_gone() returns trigger language plpgsql as $$
		begin
			if tg_op = 'DELETE' or old.file_id <> new.file_id then
				delete from files where id = old.file_id;
			end if;
			return null;
		end $$
	`.execute(db);
	await sql`
		create trigger badge_photos_file_gone
			after delete or update of file_id on badge_photos
			for each row execute function badge_photo_file_gone()
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists badge_photos`.execute(db);
	await sql`drop function if exists badge_photo_file_gone()`.execute(db);
	await sql`alter table events drop column if exists photo_policy`.execute(db);
}
