import { sql, type Kysely } from 'kysely';

// The letter of invitation to a delegation, addressed to its focal point (DESIGN §12): a document
// held by a delegation rather than a person. It is numbered per event like the other kinds, has a
// template of its own, and at most one is in force per delegation (a re-issue voids the earlier).
const KINDS_BEFORE = `'visa_letter', 'certificate', 'invitation_letter'`;
const KINDS_AFTER = `'visa_letter', 'certificate', 'invitation_letter', 'delegation_letter'`;

async function setKinds(db: Kysely<unknown>, kinds: string): Promise<void> {
	for (const table of ['document_templates', 'document_counters', 'documents']) {
		await sql
			.raw(
				`alter table ${table} drop constraint ${table}_kind_check,
				add constraint ${table}_kind_check check (kind in (${kinds}))`
			)
			.execute(db);
	}
}

export async function up(db: Kysely<unknown>): Promise<void> {
	await setKinds(db, KINDS_AFTER);
	await sql`
		alter table documents
			add column delegation_id bigint references delegations (id) on delete cascade,
			alter column registration_id drop not null,
			-- A person holds every kind but the delegation's letter, which a delegation holds.
			add constraint documents_holder_check check (
				case when kind = 'delegation_letter'
					then registration_id is null and delegation_id is not null
					else registration_id is not null and delegation_id is null
				end
			)
	`.execute(db);
	await sql`
		create unique index documents_one_active_delegation_idx on documents (delegation_id, kind)
		where status <> 'void' and delegation_id is not null
	`.execute(db);
	await sql`
		create index documents_delegation_idx on documents (delegation_id, id)
		where delegation_id is not null
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`delete from documents where kind = 'delegation_letter'`.execute(db);
	await sql`delete from document_counters where kind = 'delegation_letter'`.execute(db);
	await sql`delete from document_templates where kind = 'delegation_letter'`.execute(db);
	await sql`drop index if exists documents_delegation_idx`.execute(db);
	await sql`drop index if exists documents_one_active_delegation_idx`.execute(db);
	await sql`
		alter table documents
			drop constraint documents_holder_check,
			drop column delegation_id,
			alter column registration_id set not null
	`.execute(db);
	await setKinds(db, KINDS_BEFORE);
}
