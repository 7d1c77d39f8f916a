import { sql, type Kysely } from 'kysely';

// Official documents (DESIGN §12): templates per event and kind, kept as immutable versions so a
// document names the exact version it was rendered from and a re-download is identical; the
// documents themselves (visa support letters, certificates of attendance) with a number per event
// and kind, a verification code and a status; and the counter that numbers them.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table document_templates (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			kind text not null check (kind in ('visa_letter', 'certificate', 'invitation_letter')),
			version integer not null check (version >= 1),
			body_md text not null check (length(body_md) between 1 and 20000),
			issuer_en text not null check (length(issuer_en) between 1 and 200),
			issuer_ja text not null default '' check (length(issuer_ja) <= 200),
			issuer_address text not null default '' check (length(issuer_address) <= 500),
			logo_file_id bigint references files (id),
			signatory_name text not null check (length(signatory_name) between 1 and 200),
			signatory_title text not null default '' check (length(signatory_title) <= 200),
			signature_file_id bigint references files (id),
			created_by bigint references users (id) on delete set null,
			created_at timestamptz not null,
			unique (event_id, kind, version)
		)
	`.execute(db);

	await sql`
		create table document_counters (
			event_id bigint not null references events (id) on delete cascade,
			kind text not null check (kind in ('visa_letter', 'certificate', 'invitation_letter')),
			last_number integer not null check (last_number >= 0),
			primary key (event_id, kind)
		)
	`.execute(db);

	await sql`
		create table documents (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			registration_id bigint not null references registrations (id) on delete cascade,
			kind text not null check (kind in ('visa_letter', 'certificate', 'invitation_letter')),
			status text not null check (status in ('requested', 'issued', 'void')),
			-- The embassy or consulate a visa letter is addressed to (editable per letter).
			addressee text not null default '' check (length(addressee) <= 300),
			serial integer check (serial >= 1),
			number text check (length(number) <= 60),
			verification_code text unique check (verification_code ~ '^[0-9A-Z]{12}$'),
			template_id bigint references document_templates (id),
			-- What the document states besides passport data, as at issue (name, position, dates…).
			snapshot jsonb,
			pdf_sha256 bytea check (octet_length(pdf_sha256) = 32),
			requested_at timestamptz not null,
			requested_by bigint references users (id) on delete set null,
			issued_at timestamptz,
			issued_by bigint references users (id) on delete set null,
			voided_at timestamptz,
			voided_by bigint references users (id) on delete set null,
			void_reason text not null default '' check (length(void_reason) <= 500),
			replaces_document_id bigint references documents (id),
			unique (event_id, kind, serial),
			check ((status = 'requested') = (issued_at is null)),
			check (status = 'requested' or (serial is not null and number is not null
				and verification_code is not null and template_id is not null and snapshot is not null)),
			check ((status = 'void') = (voided_at is not null))
		)
	`.execute(db);
	// At most one letter (or certificate) in force per person and kind: a re-issue voids the old.
	await sql`
		create unique index documents_one_active_idx on documents (registration_id, kind)
		where status <> 'void'
	`.execute(db);
	await sql`create index documents_event_kind_idx on documents (event_id, kind, status, id)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists documents`.execute(db);
	await sql`drop table if exists document_counters`.execute(db);
	await sql`drop table if exists document_templates`.execute(db);
}
