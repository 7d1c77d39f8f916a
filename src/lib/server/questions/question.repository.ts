import { sql, type Transaction } from 'kysely';
import type { ChoiceDef, QuestionDef, QuestionKind } from '../../domain/question.ts';
import type { DB } from '../db/database.ts';
import { runPrepared } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';

// The SQL of an event's questions, their choices (with the taken counter) and the answers.

type Executor = DB | Transaction<Database>;

/** An event's questions in order (archived ones too when asked), each with its choices. */
export async function listQuestions(
	executor: Executor,
	eventId: number,
	options: { archived?: boolean } = {}
): Promise<QuestionDef[]> {
	let query = executor
		.selectFrom('questions')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('position')
		.orderBy('id');
	if (!options.archived) query = query.where('archived_at', 'is', null);
	// Prepared (db/prepared.ts): asked by every post of a register form.
	const rows = await runPrepared(executor, query.compile());
	if (rows.length === 0) return [];
	const choices = await executor
		.selectFrom('question_choices')
		.selectAll()
		.where(
			'question_id',
			'in',
			rows.map((r) => r.id)
		)
		.orderBy('position')
		.orderBy('id')
		.execute();
	const byQuestion = new Map<number, ChoiceDef[]>();
	for (const c of choices) {
		const list = byQuestion.get(c.question_id) ?? [];
		list.push({
			id: c.id,
			label: c.label,
			capacity: c.capacity,
			taken: c.taken,
			archived: c.archived,
			translations: c.translations
		});
		byQuestion.set(c.question_id, list);
	}
	return rows.map((r) => ({
		id: r.id,
		section: r.section,
		kind: r.kind,
		label: r.label,
		help: r.help,
		required: r.required,
		categories: r.categories,
		condition:
			r.condition_question_id !== null && r.condition_value !== null
				? { questionId: r.condition_question_id, value: r.condition_value }
				: null,
		choices: byQuestion.get(r.id) ?? [],
		archived: r.archived_at !== null,
		translations: r.translations
	}));
}

export type QuestionColumns = {
	section: string;
	kind: QuestionKind;
	label: string;
	help: string;
	required: boolean;
	categories: string[];
	conditionQuestionId: number | null;
	conditionValue: string | null;
};

function columns(q: QuestionColumns) {
	return {
		section: q.section,
		kind: q.kind,
		label: q.label,
		help: q.help,
		required: q.required,
		categories: q.categories,
		condition_question_id: q.conditionQuestionId,
		condition_value: q.conditionValue
	};
}

/** Adds a question at the end of the event's list; returns its id. */
export async function insertQuestion(
	trx: Transaction<Database>,
	eventId: number,
	q: QuestionColumns,
	at: Date
): Promise<number> {
	const row = await trx
		.insertInto('questions')
		.values({
			...columns(q),
			event_id: eventId,
			position: sql<number>`(select coalesce(max(position) + 1, 0) from questions where event_id = ${eventId})`,
			created_at: at,
			updated_at: at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateQuestionRow(
	trx: Transaction<Database>,
	questionId: number,
	q: QuestionColumns,
	at: Date
): Promise<void> {
	await trx
		.updateTable('questions')
		.set({ ...columns(q), updated_at: at })
		.where('id', '=', questionId)
		.execute();
}

/** Locks one question of an event (its edits and removal wait for each other). */
export function lockQuestion(trx: Transaction<Database>, eventId: number, questionId: number) {
	return trx
		.selectFrom('questions')
		.selectAll()
		.where('id', '=', questionId)
		.where('event_id', '=', eventId)
		.forUpdate()
		.executeTakeFirst();
}

export async function setQuestionArchived(
	trx: Transaction<Database>,
	questionId: number,
	at: Date | null
): Promise<void> {
	await trx
		.updateTable('questions')
		.set({ archived_at: at, updated_at: at ?? new Date() })
		.where('id', '=', questionId)
		.execute();
}

export async function deleteQuestionRow(
	trx: Transaction<Database>,
	questionId: number
): Promise<void> {
	await trx.deleteFrom('questions').where('id', '=', questionId).execute();
}

/** Whether anyone answered the question. */
export async function hasAnswers(executor: Executor, questionId: number): Promise<boolean> {
	const row = await executor
		.selectFrom('answers')
		.select('question_id')
		.where('question_id', '=', questionId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Swaps the positions of two questions. */
export async function swapPositions(
	trx: Transaction<Database>,
	a: { id: number; position: number },
	b: { id: number; position: number }
): Promise<void> {
	await trx.updateTable('questions').set({ position: b.position }).where('id', '=', a.id).execute();
	await trx.updateTable('questions').set({ position: a.position }).where('id', '=', b.id).execute();
}

/** The question just before (up) or after (down) another in the event's order, if any. */
export function neighbour(
	trx: Transaction<Database>,
	eventId: number,
	position: number,
	direction: 'up' | 'down'
) {
	return trx
		.selectFrom('questions')
		.select(['id', 'position'])
		.where('event_id', '=', eventId)
		.where('position', direction === 'up' ? '<' : '>', position)
		.orderBy('position', direction === 'up' ? 'desc' : 'asc')
		.limit(1)
		.forUpdate()
		.executeTakeFirst();
}

export async function insertChoices(
	trx: Transaction<Database>,
	questionId: number,
	choices: Array<{ label: string; capacity: number | null }>,
	firstPosition: number
): Promise<void> {
	if (choices.length === 0) return;
	await trx
		.insertInto('question_choices')
		.values(
			choices.map((c, i) => ({
				question_id: questionId,
				label: c.label,
				capacity: c.capacity,
				position: firstPosition + i
			}))
		)
		.execute();
}

export async function updateChoice(
	trx: Transaction<Database>,
	questionId: number,
	choiceId: number,
	change: { label: string; capacity: number | null; archived: boolean }
): Promise<void> {
	await trx
		.updateTable('question_choices')
		.set(change)
		.where('id', '=', choiceId)
		.where('question_id', '=', questionId)
		.execute();
}

/** Choice ids of a question that some answer holds (these are archived, never deleted). */
export async function answeredChoiceIds(
	executor: Executor,
	questionId: number
): Promise<Set<number>> {
	const rows = await executor
		.selectFrom('answers')
		.select(sql<number>`jsonb_array_elements(value)::bigint`.as('choice_id'))
		.where('question_id', '=', questionId)
		.where(sql<boolean>`jsonb_typeof(value) = 'array'`)
		.execute();
	return new Set(rows.map((r) => Number(r.choice_id)));
}

export async function deleteChoice(trx: Transaction<Database>, choiceId: number): Promise<void> {
	await trx.deleteFrom('question_choices').where('id', '=', choiceId).execute();
}

/**
 * Takes one place of a choice when it has room; the caller holds the event lock, so the counter
 * and the answers agree. False when the choice is full (or gone).
 */
export async function takeChoice(trx: Transaction<Database>, choiceId: number): Promise<boolean> {
	const row = await trx
		.updateTable('question_choices')
		.set({ taken: sql<number>`taken + 1` })
		.where('id', '=', choiceId)
		.where((eb) => eb.or([eb('capacity', 'is', null), eb('taken', '<', eb.ref('capacity'))]))
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

export async function releaseChoices(
	trx: Transaction<Database>,
	choiceIds: number[]
): Promise<void> {
	if (choiceIds.length === 0) return;
	for (const id of choiceIds) {
		await trx
			.updateTable('question_choices')
			.set({ taken: sql<number>`greatest(taken - 1, 0)` })
			.where('id', '=', id)
			.execute();
	}
}

export type AnswerRow = { questionId: number; value: unknown; fileId: number | null };

/** A registration's answers. */
export async function listAnswers(
	executor: Executor,
	registrationId: number
): Promise<AnswerRow[]> {
	const rows = await executor
		.selectFrom('answers')
		.select(['question_id', 'value', 'file_id'])
		.where('registration_id', '=', registrationId)
		.execute();
	return rows.map((r) => ({ questionId: r.question_id, value: r.value, fileId: r.file_id }));
}

export async function upsertAnswer(
	trx: Transaction<Database>,
	registrationId: number,
	questionId: number,
	value: unknown,
	fileId: number | null,
	at: Date
): Promise<void> {
	await trx
		.insertInto('answers')
		.values({
			registration_id: registrationId,
			question_id: questionId,
			value: JSON.stringify(value),
			file_id: fileId,
			updated_at: at
		})
		.onConflict((oc) =>
			oc.columns(['registration_id', 'question_id']).doUpdateSet({
				value: JSON.stringify(value),
				file_id: fileId,
				updated_at: at
			})
		)
		.execute();
}

export async function deleteAnswers(
	trx: Transaction<Database>,
	registrationId: number,
	questionIds: number[]
): Promise<void> {
	if (questionIds.length === 0) return;
	await trx
		.deleteFrom('answers')
		.where('registration_id', '=', registrationId)
		.where('question_id', 'in', questionIds)
		.execute();
}

/** Every answer to an event's questions, for registrations in `ids` (exports, lists). */
export async function answersOfRegistrations(executor: Executor, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return executor
		.selectFrom('answers')
		.select(['registration_id', 'question_id', 'value'])
		.where('registration_id', 'in', ids)
		.execute();
}

/** A stored answer file, if it belongs to a registration of this event. */
export function findAnswerFile(executor: Executor, registrationId: number, questionId: number) {
	return executor
		.selectFrom('answers as a')
		.innerJoin('files as f', 'f.id', 'a.file_id')
		.select(['f.file_name', 'f.content_type', 'f.bytes'])
		.where('a.registration_id', '=', registrationId)
		.where('a.question_id', '=', questionId)
		.executeTakeFirst();
}

/**
 * Removes the answers (with their files) and badge photos of registrations whose personal data
 * is erased: the retention purge of an event, or a person's deletion request.
 */
export async function eraseAnswersAndPhotos(
	trx: Transaction<Database>,
	where: { eventId: number } | { ids: number[] }
): Promise<void> {
	if ('ids' in where && where.ids.length === 0) return;
	const scope =
		'ids' in where
			? sql`${sql.join(where.ids)}`
			: sql`select id from registrations where event_id = ${where.eventId}`;
	await sql`
		with gone as (
			delete from answers where registration_id in (${scope}) returning file_id
		)
		delete from files where id in (select file_id from gone where file_id is not null)
	`.execute(trx);
	// Each photo's file goes with it (a trigger).
	await sql`delete from badge_photos where registration_id in (${scope})`.execute(trx);
}

/** Counts a change to the event's questions (the answers schema is kept per version). */
export async function bumpQuestionsVersion(
	trx: Transaction<Database>,
	eventId: number
): Promise<void> {
	await trx
		.updateTable('events')
		.set({ questions_version: sql<number>`questions_version + 1` })
		.where('id', '=', eventId)
		.execute();
}

/** The event's questions version (read before its questions, so a key never names newer ones). */
export async function questionsVersion(executor: Executor, eventId: number): Promise<number> {
	const row = await executor
		.selectFrom('events')
		.select('questions_version')
		.where('id', '=', eventId)
		.executeTakeFirst();
	return row?.questions_version ?? 0;
}
