import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import {
	CONDITION_KINDS,
	hasChoices,
	questionsIn,
	type QuestionDef
} from '../../domain/question.ts';
import { getLocale } from '../../paraglide/runtime.js';
import type { QuestionSet } from '../../schemas/questions.ts';
import type { QuestionInput } from '../../schemas/question-definition.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import {
	answeredChoiceIds,
	bumpQuestionsVersion,
	deleteChoice,
	deleteQuestionRow,
	hasAnswers,
	insertChoices,
	insertQuestion,
	listQuestions,
	lockQuestion,
	neighbour,
	questionsVersion,
	setQuestionArchived,
	swapPositions,
	updateChoice,
	updateQuestionRow
} from './question.repository.ts';

// The organizer's side of an event's questions: define, change, reorder, remove (archived when
// answered, so no answer is lost) and restore. Choice changes run under the event lock, which
// registrations hold while they take a place of a choice.

/** The questions a registration form asks (archived ones left out), in the page's language. */
export async function formQuestions(eventId: number): Promise<QuestionDef[]> {
	return questionsIn(await listQuestions(db(), eventId), getLocale());
}

/**
 * The questions a registration form asks (archived ones too when `archived`) in the page's
 * language, with the key of their answers schema: the event and its questions version, read
 * first, so a key never names questions newer than its own. (The schemas hold no words of the
 * questions, so one key serves every language.)
 */
export async function formQuestionSet(
	eventId: number,
	options: { archived?: boolean } = {}
): Promise<QuestionSet> {
	const version = await questionsVersion(db(), eventId);
	return {
		questions: questionsIn(await listQuestions(db(), eventId, options), getLocale()),
		schemaKey: `${eventId}:${version}${options.archived ? ':all' : ''}`
	};
}

/** Every question of the event, archived ones too, for its staff, as written (in English). */
export async function staffQuestions(actor: Actor, eventId: number): Promise<QuestionDef[]> {
	await assertCan(actor, eventId, 'registrations.view');
	return listQuestions(db(), eventId, { archived: true });
}

/**
 * The choice questions on the form with each choice's count (the dashboard's bars): people whose
 * registration stands (not cancelled or declined), against the places where there is a limit.
 */
export async function choiceQuestions(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'registrations.view');
	const questions = questionsIn(await listQuestions(db(), eventId), getLocale());
	return questions
		.filter((q) => hasChoices(q.kind))
		.map((q) => ({
			id: q.id,
			label: q.label,
			choices: q.choices
				.filter((c) => !c.archived || c.taken > 0)
				.map((c) => ({ label: c.label, taken: c.taken, capacity: c.capacity }))
		}));
}

/**
 * The answers the attendee list may be filtered by: each choice of a choice question and yes or
 * no of a yes/no question, as "<question id>:<choice id | yes | no>" with words to show.
 */
export async function answerFilterOptions(eventId: number) {
	const questions = questionsIn(
		await listQuestions(db(), eventId, { archived: true }),
		getLocale()
	);
	return questions.flatMap((q) => {
		const answers =
			q.kind === 'yes_no'
				? [
						{ key: 'yes', label: m.answer_yes() },
						{ key: 'no', label: m.answer_no() }
					]
				: hasChoices(q.kind)
					? q.choices.map((c) => ({ key: String(c.id), label: c.label }))
					: [];
		return answers.map((a) => ({
			value: `${q.id}:${a.key}`,
			question: q.label,
			label: `${q.label}: ${a.label}`
		}));
	});
}

/** Every question of the event, archived ones too, for its exports. */
export async function exportQuestions(actor: Actor, eventId: number): Promise<QuestionDef[]> {
	await assertCan(actor, eventId, 'exports');
	return listQuestions(db(), eventId, { archived: true });
}

function checkCondition(
	input: QuestionInput,
	questions: QuestionDef[],
	questionId: number | null
): void {
	if (!input.condition) return;
	const parent = questions.find((q) => q.id === input.condition!.questionId);
	const valid =
		parent &&
		parent.id !== questionId &&
		!parent.archived &&
		CONDITION_KINDS.includes(parent.kind) &&
		(parent.kind === 'yes_no'
			? ['yes', 'no'].includes(input.condition.value)
			: parent.choices.some((c) => String(c.id) === input.condition!.value));
	if (!valid) throw new DomainError('invalid', m.err_choose_condition(), 'condition');
	// A question may not depend, through others, on itself.
	let step: QuestionDef | undefined = parent;
	for (let depth = 0; step?.condition && depth < 50; depth += 1) {
		if (step.condition.questionId === questionId) {
			throw new DomainError('invalid', m.err_condition_self(), 'condition');
		}
		step = questions.find((q) => q.id === step!.condition!.questionId);
	}
}

function columnsOf(input: QuestionInput) {
	return {
		section: input.section,
		kind: input.kind,
		label: input.label,
		help: input.help,
		required: input.required,
		categories: input.categories,
		conditionQuestionId: input.condition?.questionId ?? null,
		conditionValue: input.condition?.value ?? null
	};
}

function needsChoices(input: QuestionInput, kept: number): void {
	if (hasChoices(input.kind) && kept + input.newChoices.length === 0) {
		throw new DomainError('invalid', m.err_write_choice(), 'newChoices');
	}
}

type QuestionRow = NonNullable<Awaited<ReturnType<typeof lockQuestion>>>;

/**
 * One change to the event's questions: checks the actor, then in one transaction under the event
 * lock (which registrations hold while they take a place of a choice) runs `work`, counts up the
 * questions version (the answers schema is built again) and writes the audit entry `work` gives.
 */
async function changeQuestions<T>(
	actor: Actor,
	eventId: number,
	work: (trx: Transaction<Database>) => Promise<{ result: T; audit: QuestionAudit }>
): Promise<T> {
	await assertCan(actor, eventId, 'event.edit');
	return db()
		.transaction()
		.execute(async (trx) => {
			await lockEvent(trx, eventId);
			const { result, audit } = await work(trx);
			await bumpQuestionsVersion(trx, eventId);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: audit.action,
				entityType: 'question',
				entityId: audit.questionId,
				eventId,
				diff: audit.diff
			});
			return result;
		});
}

type QuestionAudit = { action: string; questionId: number; diff: Record<string, unknown> };

/** A change to one existing question: locked, or refused when it no longer exists. */
function changeQuestion<T>(
	actor: Actor,
	eventId: number,
	questionId: number,
	work: (
		trx: Transaction<Database>,
		row: QuestionRow
	) => Promise<{ result: T; audit: Omit<QuestionAudit, 'questionId'> }>
): Promise<T> {
	return changeQuestions(actor, eventId, async (trx) => {
		const row = await lockQuestion(trx, eventId, questionId);
		if (!row) throw new DomainError('not_found', m.err_question_gone());
		const { result, audit } = await work(trx, row);
		return { result, audit: { ...audit, questionId } };
	});
}

const definitionDiff = (input: QuestionInput) => ({
	label: input.label,
	kind: input.kind,
	required: input.required
});

/** Adds a question at the end of the event's form; returns its id. */
export function createQuestion(
	actor: Actor,
	eventId: number,
	input: QuestionInput
): Promise<number> {
	return changeQuestions(actor, eventId, async (trx) => {
		checkCondition(input, await listQuestions(trx, eventId), null);
		needsChoices(input, 0);
		const id = await insertQuestion(trx, eventId, columnsOf(input), now());
		if (hasChoices(input.kind)) await insertChoices(trx, id, input.newChoices, 0);
		return {
			result: id,
			audit: { action: 'question.create', questionId: id, diff: definitionDiff(input) }
		};
	});
}

/**
 * Changes a question. Its kind is fixed once answered (answers of one kind do not read as
 * another); a removed choice with answers is archived, and a capacity never goes below the
 * places already taken.
 */
export function updateQuestion(
	actor: Actor,
	eventId: number,
	questionId: number,
	input: QuestionInput
): Promise<void> {
	return changeQuestion(actor, eventId, questionId, async (trx, row) => {
		const questions = await listQuestions(trx, eventId, { archived: true });
		const current = questions.find((q) => q.id === questionId)!;
		if (input.kind !== row.kind && (await hasAnswers(trx, questionId))) {
			throw new DomainError('invalid', m.err_question_kind_fixed(), 'kind');
		}
		checkCondition(input, questions, questionId);
		await updateQuestionRow(trx, questionId, columnsOf(input), now());
		const kept = hasChoices(input.kind) ? await saveChoices(trx, current, input) : 0;
		needsChoices(input, kept);
		return { result: undefined, audit: { action: 'question.update', diff: definitionDiff(input) } };
	});
}

/** Saves the existing choices and adds the new ones; returns how many stay offered. */
async function saveChoices(
	trx: Transaction<Database>,
	current: QuestionDef,
	input: QuestionInput
): Promise<number> {
	const answered = await answeredChoiceIds(trx, current.id);
	let kept = 0;
	for (const choice of current.choices) {
		const change = input.choices.find((c) => c.id === choice.id);
		if (!change) continue;
		if (change.capacity !== null && change.capacity < choice.taken) {
			throw new DomainError(
				'invalid',
				m.err_places_below({ taken: choice.taken }),
				`choice_${choice.id}_capacity`
			);
		}
		if (change.remove && !answered.has(choice.id)) {
			await deleteChoice(trx, choice.id);
			continue;
		}
		await updateChoice(trx, current.id, choice.id, {
			label: change.label,
			capacity: change.capacity,
			archived: change.remove
		});
		if (!change.remove) kept += 1;
	}
	const last = current.choices.length;
	await insertChoices(trx, current.id, input.newChoices, last);
	return kept;
}

/**
 * Removes a question: deleted when nobody answered it, else archived (its answers stay in
 * exports and on registrations). Returns what happened.
 */
export function removeQuestion(
	actor: Actor,
	eventId: number,
	questionId: number
): Promise<'deleted' | 'archived'> {
	return changeQuestion(actor, eventId, questionId, async (trx, row) => {
		const answered = await hasAnswers(trx, questionId);
		if (answered) await setQuestionArchived(trx, questionId, now());
		else await deleteQuestionRow(trx, questionId);
		return {
			result: answered ? 'archived' : 'deleted',
			audit: {
				action: answered ? 'question.archive' : 'question.delete',
				diff: { label: row.label }
			}
		};
	});
}

/** Puts an archived question back on the form. */
export function restoreQuestion(actor: Actor, eventId: number, questionId: number): Promise<void> {
	return changeQuestion(actor, eventId, questionId, async (trx, row) => {
		await setQuestionArchived(trx, questionId, null);
		return { result: undefined, audit: { action: 'question.restore', diff: { label: row.label } } };
	});
}

/** Moves a question one place up or down the form. */
export function moveQuestion(
	actor: Actor,
	eventId: number,
	questionId: number,
	direction: 'up' | 'down'
): Promise<void> {
	return changeQuestion(actor, eventId, questionId, async (trx, row) => {
		const other = await neighbour(trx, eventId, row.position, direction);
		if (other) await swapPositions(trx, { id: row.id, position: row.position }, other);
		return { result: undefined, audit: { action: 'question.move', diff: { direction } } };
	});
}
