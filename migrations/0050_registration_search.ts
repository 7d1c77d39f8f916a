import { sql, type Kysely } from 'kysely';

// Attendee list search and sort on large events (measured on 100 000 registrations).
// kaigi_fold() lowers and strips diacritics: NFD, then combining marks removed, then the few
// letters that do not decompose (đ, ø, ł, ı). All of it is IMMUTABLE (unlike unaccent()) and
// needs no extension, so it can be indexed: "nguyen" finds "Nguyễn". lower() alone would not do,
// since a database created with --locale=C only lowercases ASCII. (A translate() over every
// accented Latin letter was 14× slower: 85 µs a row.)

export async function up(db: Kysely<unknown>): Promise<void> {
	// pg_trgm is a trusted extension: the database owner may create it.
	await sql`create extension if not exists pg_trgm`.execute(db);
	await sql`
		create or replace function kaigi_fold(value text) returns text
		language sql immutable strict parallel safe
		as $$ select lower(translate(regexp_replace(normalize(value, NFD), '[\\u0300-\\u036f]', '', 'g'),
			'đĐøØłŁı', 'ddoolli')) $$
	`.execute(db);
	await sql`
		create or replace function registration_search_text(
			given text, family text, badge text, native text, organisation text, reference text
		) returns text
		language sql immutable parallel safe
		as $$ select kaigi_fold(coalesce(given, '') || ' ' || coalesce(family, '') || ' ' ||
			coalesce(badge, '') || ' ' || coalesce(native, '') || ' ' || coalesce(organisation, '') ||
			' ' || coalesce(reference, '')) $$
	`.execute(db);
	// Stored, not only indexed: a filter or a LIMIT plan that reads rows in name order then
	// compares a column instead of recomputing the expression (20 µs a row: 700 ms for 35 000).
	await sql`
		alter table registrations
			add column search_text text generated always as (registration_search_text(
				given_name, family_name, badge_name, native_name, organisation, reference)) stored,
			add column sort_name text generated always as (
				kaigi_fold(family_name) || ' ' || kaigi_fold(coalesce(given_name, ''))) stored
	`.execute(db);
	await sql`create index registrations_search_trgm_idx on registrations using gin (search_text gin_trgm_ops)`.execute(
		db
	);
	// Sort orders of the attendee list ((event_id, status, created_at, id) exists already).
	await sql`create index registrations_event_name_idx on registrations (event_id, sort_name, id)`.execute(
		db
	);
	// "Confirmed, by name" is the view the secretariat uses most.
	await sql`
		create index registrations_event_status_name_idx on registrations (event_id, status, sort_name, id)
	`.execute(db);
	await sql`
		create index registrations_event_delegation_name_idx on registrations
		(event_id, delegation_id, sort_name, id)
	`.execute(db);
	await sql`create index registrations_event_reference_idx on registrations (event_id, reference, id)`.execute(
		db
	);
	await sql`create index registrations_event_created_idx on registrations (event_id, created_at, id)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const index of [
		'registrations_event_created_idx',
		'registrations_event_reference_idx',
		'registrations_event_delegation_name_idx',
		'registrations_event_status_name_idx',
		'registrations_event_name_idx',
		'registrations_search_trgm_idx'
	]) {
		await sql`drop index if exists ${sql.ref(index)}`.execute(db);
	}
	await sql`alter table registrations drop column if exists search_text, drop column if exists sort_name`.execute(
		db
	);
	await sql`drop function if exists registration_search_text(text, text, text, text, text, text)`.execute(
		db
	);
	await sql`drop function if exists kaigi_fold(text)`.execute(db);
}
