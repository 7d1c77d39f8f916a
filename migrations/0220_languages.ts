import { sql, type Kysely } from 'kysely';

// The language a person reads Kaigi in: a delegate's mails go in the language they registered
// in, a staff member's pages and mails in the one chosen on their account. A BCP 47 language
// tag ('en', 'ja', later 'th', 'vi', 'id', 'km'…); which ones the interface speaks is the
// message files' business, so the column takes any well-formed tag and the app falls back to
// English for one it does not know.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		alter table registrations add column language text not null default 'en'
			constraint registrations_language_tag check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
	`.execute(db);
	await sql`
		alter table users add column language text not null default 'en'
			constraint users_language_tag check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table users drop column if exists language`.execute(db);
	await sql`alter table registrations drop column if exists language`.execute(db);
}
