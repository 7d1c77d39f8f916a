import { statusText } from '../../domain/registration-status.ts';
import { m } from '../../paraglide/messages.js';
import type { AnswerValue } from '../../domain/question.ts';
import { hasChoices, questionsIn } from '../../domain/question.ts';
import { getLocale } from '../../paraglide/runtime.js';
import {
	askedQuestions,
	answerText,
	rawFromAnswers,
	type QuestionSet,
	type RawAnswers
} from '../../schemas/questions.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Registration } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import { lockRegistration } from '../registrations/registration.repository.ts';
import {
	auditAnswers,
	answerMap,
	saveAnswersWithin,
	type AnswersToSave
} from './answer.service.ts';
import { photosOfRegistrations } from '../photos/photo.repository.ts';
import { formQuestionSet } from './question.service.ts';
import {
	answersOfRegistrations,
	findAnswerFile,
	listAnswers,
	listQuestions
} from './question.repository.ts';

// A registration's answers as its owner (on /me) and its staff see them: the questions asked of
// the person, what they answered, and what is still unanswered (new questions added after they
// registered are asked there, with a notice; nothing is ever blocked on them).

export type AnswersView = QuestionSet & {
	answers: Map<number, AnswerValue>;
	raw: RawAnswers;
	/** Choice ids the person holds (offered to them even when full or archived). */
	held: number[];
	/** Required questions asked of the person and not answered yet. */
	missing: number;
};

function active(registration: Registration): boolean {
	return registration.status !== 'cancelled' && registration.status !== 'declined';
}

/** The answers of a registration, with the questions asked (archived ones too when `archived`). */
export async function answersOf(
	registration: Registration,
	options: { archived?: boolean } = {}
): Promise<AnswersView> {
	const [{ questions, schemaKey }, rows] = await Promise.all([
		formQuestionSet(registration.event_id, options),
		listAnswers(db(), registration.id)
	]);
	const answers = answerMap(rows);
	const raw = rawFromAnswers(questions, answers);
	const asked = askedQuestions(questions, raw, registration.category);
	const missing = asked.filter((q) => q.required && !answers.has(q.id)).length;
	const held = questions.flatMap((q) => {
		const value = answers.get(q.id);
		return hasChoices(q.kind) && Array.isArray(value) ? value : [];
	});
	return { questions, schemaKey, answers, raw, held, missing };
}

/** Saves the answers the person gave on their registration page, under the event lock. */
export async function saveOwnAnswers(
	actor: Actor,
	registration: Registration,
	toSave: AnswersToSave
): Promise<void> {
	if (actor.id !== registration.user_id && !actor.staff) {
		throw new DomainError('forbidden', m.err_not_your_registration());
	}
	if (!active(registration)) {
		throw new DomainError(
			'closed',
			m.err_answers_status({ status: statusText(registration.status) })
		);
	}
	await db()
		.transaction()
		.execute(async (trx) => {
			const event = await lockEvent(trx, registration.event_id);
			if (!event || event.status === 'archived' || event.status === 'cancelled') {
				throw new DomainError('closed', m.err_answers_event_over());
			}
			// Read again under the lock: a cancellation may have come first.
			const current = await lockRegistration(trx, registration.id);
			if (!current || !active(current)) {
				throw new DomainError('closed', m.err_answers_inactive());
			}
			const { changed } = await saveAnswersWithin(
				trx,
				{
					id: registration.id,
					eventId: registration.event_id,
					userId: registration.user_id,
					holdsPlaces: true
				},
				toSave,
				now(),
				actor.id
			);
			await auditAnswers(
				trx,
				actor.id,
				{ id: registration.id, eventId: registration.event_id },
				changed
			);
		});
}

/** One line of a registration's answers, in words. */
export type AnswerItem = {
	questionId: number;
	label: string;
	text: string;
	/** The answer is a stored file. */
	file: boolean;
	archived: boolean;
};

/**
 * A registration's answers in words: every question asked of the person (unanswered ones with
 * empty text), then answers to questions since archived or no longer asked.
 */
export function answerItems(view: AnswersView, category: string): AnswerItem[] {
	const asked = new Set(askedQuestions(view.questions, view.raw, category).map((q) => q.id));
	return view.questions
		.filter((q) => asked.has(q.id) || view.answers.has(q.id))
		.map((q) => ({
			questionId: q.id,
			label: q.label,
			text: answerText(q, view.answers.get(q.id)),
			file: q.kind === 'file' && view.answers.has(q.id),
			archived: q.archived
		}));
}

/** A registration's answers for its event's staff, archived questions included. */
export async function staffAnswerItems(
	actor: Actor,
	registration: Registration
): Promise<AnswerItem[]> {
	await assertCan(actor, registration.event_id, 'registrations.view');
	return answerItems(await answersOf(registration, { archived: true }), registration.category);
}

/** The file answering a question of a registration, for its staff. */
export async function staffAnswerFile(
	actor: Actor,
	registration: Registration,
	questionId: number
) {
	await assertCan(actor, registration.event_id, 'registrations.view');
	return findAnswerFile(db(), registration.id, questionId);
}

/** The file the person gave as an answer (their own registration is checked by the route). */
export function ownAnswerFile(registration: Registration, questionId: number) {
	return findAnswerFile(db(), registration.id, questionId);
}

/**
 * A person's answers and badge photos for their data download: per registration, each answer in
 * words under its question, and the photo as a data URL (it is theirs).
 */
export async function personalAnswers(
	registrations: ReadonlyArray<{ id: number; event_id: number }>
): Promise<
	Map<number, { answers: Array<{ question: string; answer: string }>; badgePhoto: string | null }>
> {
	const ids = registrations.map((r) => r.id);
	const eventIds = [...new Set(registrations.map((r) => r.event_id))];
	const [rows, questionLists, photos] = await Promise.all([
		answersOfRegistrations(db(), ids),
		Promise.all(eventIds.map((id) => listQuestions(db(), id, { archived: true }))),
		photosOfRegistrations(db(), ids)
	]);
	// In the reader's language, as their registration page shows them.
	const questions = new Map(questionsIn(questionLists.flat(), getLocale()).map((q) => [q.id, q]));
	const result = new Map<
		number,
		{ answers: Array<{ question: string; answer: string }>; badgePhoto: string | null }
	>();
	for (const id of ids) result.set(id, { answers: [], badgePhoto: null });
	for (const row of rows) {
		const q = questions.get(row.question_id);
		if (!q) continue;
		result.get(row.registration_id)?.answers.push({
			question: q.label,
			answer: answerText(q, row.value as AnswerValue)
		});
	}
	for (const photo of photos) {
		const entry = result.get(photo.registration_id);
		if (entry)
			entry.badgePhoto = `data:image/jpeg;base64,${Buffer.from(photo.bytes).toString('base64')}`;
	}
	return result;
}
