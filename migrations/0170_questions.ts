import { sql, type Kysely } from 'kysely';

// An event's own questions on the registration form: their kinds, order in sections, who is
// asked (categories, a condition on another answer), choices that may carry a capacity with its
// taken counter (held under the event lock, like seats), and each registration's answers. A
// question or choice with answers is archived, never deleted, so exports keep the answers.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table questions (
			id bigint generated always as identity primary key,
			event_id bigint not null references events (id) on delete cascade,
			section text not null default '' check (length(section) <= 100),
			kind text not null check (kind in ('short_text', 'long_text', 'single_choice',
				'multiple_choice', 'yes_no', 'number', 'date', 'file')),
			label text not null check (length(label) between 1 and 300),
			help text not null default '' check (length(help) <= 1000),
			required boolean not null default false,
			-- Empty: asked of every category.
			categories text[] not null default '{}',
			condition_question_id bigint references questions (id) on delete set null,
			-- 'yes' / 'no', or the id of a choice of the condition question.
			condition_value text check (length(condition_value) <= 40),
			position integer not null check (position >= 0),
			archived_at timestamptz,
			created_at timestamptz not null,
			updated_at timestamptz not null,
			check ((condition_question_id is null) = (condition_value is null)),
			check (condition_question_id is distinct from id)
		)
	`.execute(db);
	await sql`create index questions_event_idx on questions (event_id, position)`.execute(db);

	await sql`
		create table question_choices (
			id bigint generated always as identity primary key,
			question_id bigint not null references questions (id) on delete cascade,
			label text not null check (length(label) between 1 and 200),
			capacity integer check (capacity is null or capacity between 0 and 1000000),
			taken integer not null default 0 check (taken >= 0),
			position integer not null check (position >= 0),
			archived boolean not null default false
		)
	`.execute(db);
	await sql`create index question_choices_question_idx on question_choices (question_id, position)`.execute(
		db
	);

	await sql`
		create table answers (
			registration_id bigint not null references registrations (id) on delete cascade,
			question_id bigint not null references questions (id) on delete cascade,
			-- text and dates: a string; numbers: a number; yes/no: 'yes' | 'no';
			-- choices: an array of choice ids (one for a single choice); files: the file's name.
			value jsonb not null,
			file_id bigint references files (id) on delete set null,
			updated_at timestamptz not null,
			primary key (registration_id, question_id)
		)
	`.execute(db);
	await sql`create index answers_question_idx on answers (question_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists answers`.execute(db);
	await sql`drop table if exists question_choices`.execute(db);
	await sql`drop table if exists questions`.execute(db);
}
