import { m } from '../../paraglide/messages.js';
import {
	askedQuestions,
	parseAnswers,
	readAnswerForm,
	type QuestionSet,
	type RawAnswers
} from '../../schemas/questions.ts';
import type { z } from 'zod';
import { fieldErrors } from '../../schemas/fields.ts';
import { formFail } from '../form-failure.ts';
import { preparePhoto, type PreparedPhoto } from '../photos/photo-image.ts';
import type { PhotoPolicy } from '../photos/photo.service.ts';
import { readAnswerFiles, type AnswersToSave } from './answer.service.ts';

// Reads the event-specific part of a posted form (the registration form, the delegate's answers
// page): the answers to the questions asked of this person, checked with the schema built from
// the event's questions, any files, checked by their bytes, and the badge photo.

export type AnswersFromForm = {
	/** What was typed, to show the form again. */
	raw: RawAnswers;
	errors: Record<string, string>;
	toSave: AnswersToSave | null;
};

/** What the form asks about the badge photo: the event's policy, and whether one is on file. */
export type PhotoAsked = { policy: PhotoPolicy; onFile: boolean };

async function photoFromForm(
	form: FormData,
	asked: PhotoAsked
): Promise<{ photo: PreparedPhoto | null; error?: string }> {
	if (asked.policy === 'off') return { photo: null };
	const entry = form.get('photo');
	if (entry && typeof entry !== 'string' && entry.size > 0) {
		const prepared = await preparePhoto(new Uint8Array(await entry.arrayBuffer()));
		return prepared.ok ? { photo: prepared.photo } : { photo: null, error: prepared.message };
	}
	if (asked.policy === 'required' && !asked.onFile) {
		return { photo: null, error: m.q_err_photo_needed() };
	}
	return { photo: null };
}

/** What a form asks beyond the fixed fields, and of whom. */
export type AnswersAsked = {
	/** The event's questions on the form, with the key of their kept schemas. */
	set: QuestionSet;
	/** The person's category (it decides which questions are asked). */
	category: string | undefined;
	/** Choices the person holds already (still valid when since archived or full). */
	held?: ReadonlySet<number>;
	photo?: PhotoAsked;
};

/**
 * The answers (and photo) a form carries for the questions asked of the person: answers to
 * questions not asked (another category, a condition not met) are dropped, files with them.
 */
export async function answersFromForm(
	form: FormData,
	{
		set,
		category,
		held = new Set(),
		photo: photoAsked = { policy: 'off', onFile: false }
	}: AnswersAsked
): Promise<AnswersFromForm> {
	const { questions, schemaKey } = set;
	const raw = readAnswerForm(form, questions);
	const parsed = parseAnswers(questions, raw, category, held, schemaKey);
	// Files only of the questions asked: one sent for a hidden question is neither read nor kept.
	const { files, errors } = await readAnswerFiles(form, askedQuestions(questions, raw, category));
	const { photo, error: photoError } = await photoFromForm(form, photoAsked);
	if (photoError) errors.photo = photoError;
	if (!parsed.success || Object.keys(errors).length > 0) {
		return { raw, errors: { ...(parsed.success ? {} : parsed.errors), ...errors }, toSave: null };
	}
	return { raw, errors: {}, toSave: { questions, answers: parsed.answers, files, photo } };
}

/**
 * A registration form refused: the errors of its fixed fields (`fixed`, a zod parse) and of its
 * answers side by side, with what was typed in both kept for the form.
 */
export function refusedWithAnswers<V extends object, X extends object>(
	fixed: { success: true } | { success: false; error: z.ZodError },
	answered: AnswersFromForm,
	values: V,
	extra: X
) {
	const errors = { ...(fixed.success ? {} : fieldErrors(fixed.error)), ...answered.errors };
	return formFail(400, { values, errors }, { ...extra, answers: answered.raw });
}
