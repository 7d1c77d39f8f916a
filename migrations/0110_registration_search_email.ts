import { sql, type Kysely } from 'kysely';

// The attendee search also finds a person by e-mail address ("anan.c@", "msdhs.example"): the
// address joins the stored search text behind the same trigram index, so a search stays one
// indexed query. PostgreSQL 15 cannot change a generated column's expression: the column and
// its index are made again (one rewrite of the table).

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create or replace function registration_search_text(
			given text, family text, badge text, native text, organisation text, reference text,
			email text
		) returns text
		language sql immutable parallel safe
		as $$ select kaigi_fold(coalesce(given, '') || ' ' || coalesce(family, '') || ' ' ||
			coalesce(badge, '') || ' ' || coalesce(native, '') || ' ' || coalesce(organisation, '') ||
			' ' || coalesce(reference, '') || ' ' || coalesce(email, '')) $$
	`.execute(db);
	await sql`alter table registrations drop column search_text`.execute(db);
	await sql`
		alter table registrations
			add column search_text text generated always as (registration_search_text(
				given_name, family_name, badge_name, native_name, organisation, reference, email)) stored
	`.execute(db);
	await sql`create index registrations_search_trgm_idx on registrations using gin (search_text gin_trgm_ops)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table registrations drop column search_text`.execute(db);
	await sql`
		alter table registrations
			add column search_text text generated always as (registration_search_text(
				given_name, family_name, badge_name, native_name, organisation, reference)) stored
	`.execute(db);
	await sql`create index registrations_search_trgm_idx on registrations using gin (search_text gin_trgm_ops)`.execute(
		db
	);
	await sql`drop function if exists registration_search_text(text, text, text, text, text, text, text)`.execute(
		db
	);
}
