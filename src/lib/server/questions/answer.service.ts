import { m } from '../../paraglide/messages.js';
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
	hasChoices,
	questionField,
	type AnswerValue,
	type QuestionDef
} from '../../domain/question.ts';
import { answerText } from '../../schemas/questions.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { insertFile } from '../files/file.repository.ts';
import type { UploadRule } from '../files/upload-kind.ts';
import { screenUpload } from '../files/upload-scan.ts';
import type { PreparedPhoto } from '../photos/photo-image.ts';
import { savePhotoWithin } from '../photos/photo.service.ts';
import {
	deleteAnswers,
	listAnswers,
	releaseChoices,
	takeChoice,
	upsertAnswer,
	type AnswerRow
} from './question.repository.ts';

// A registration's answers: saved with the registration (or from /me) under the event lock, so
// a choice with a capacity is never taken beyond it; choices held are given back when the
// registration is cancelled or declined.

/** An answer file: PDF, Word or PowerPoint up to 20 MB, told by its bytes. */
export const ANSWER_FILE_RULE: UploadRule = {
	accept: [
		'application/pdf',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/vnd.openxmlformats-officedocument.presentationml.presentation'
	],
	maxBytes: 20 * 1024 * 1024
};

export type AnswerFile = { fileName: string; contentType: string; bytes: Uint8Array };

export type AnswersToSave = {
	/** The event's questions that are on the form now (archived answers are left alone). */
	questions: readonly QuestionDef[];
	answers: ReadonlyMap<number, AnswerValue>;
	files: ReadonlyMap<number, AnswerFile>;
	/** A new badge photo, ready to store. */
	photo?: PreparedPhoto | null;
};

/** The files attached to the form's file questions, checked by their bytes; errors by field. */
export async function readAnswerFiles(
	form: FormData,
	questions: readonly QuestionDef[]
): Promise<{ files: Map<number, AnswerFile>; errors: Record<string, string> }> {
	const files = new Map<number, AnswerFile>();
	const errors: Record<string, string> = {};
	for (const q of questions) {
		if (q.kind !== 'file') continue;
		const entry = form.get(questionField(q.id));
		if (!entry || typeof entry === 'string' || entry.size === 0) continue;
		const bytes = new Uint8Array(await entry.arrayBuffer());
		const checked = await screenUpload(bytes, ANSWER_FILE_RULE);
		if (!checked.ok) errors[questionField(q.id)] = checked.message;
		else files.set(q.id, { fileName: entry.name || 'file', contentType: checked.type, bytes });
	}
	return { files, errors };
}

/** Stored answers as values by question id. */
export function answerMap(rows: readonly AnswerRow[]): Map<number, AnswerValue> {
	return new Map(rows.map((r) => [r.questionId, r.value as AnswerValue]));
}

/** The choice ids an answer holds. */
function choiceIds(q: QuestionDef, value: AnswerValue | undefined): number[] {
	return hasChoices(q.kind) && Array.isArray(value) ? value : [];
}

/**
 * Saves a registration's answers inside the caller's transaction, which holds the event lock:
 * takes a place of each newly chosen choice (refusing a full one, beside its question), gives
 * back those no longer chosen, and removes answers to questions no longer asked.
 */
export async function saveAnswersWithin(
	trx: Transaction<Database>,
	registration: { id: number; eventId: number; userId: number; holdsPlaces: boolean },
	input: AnswersToSave,
	at: Date,
	/** Who gives the answers (default: the registrant). */
	by?: number
): Promise<{ changed: string[] }> {
	const previous = await listAnswers(trx, registration.id);
	const before = answerMap(previous);
	const release: number[] = [];
	const take: Array<{ id: number; q: QuestionDef }> = [];
	for (const q of input.questions) {
		const had = new Set(registration.holdsPlaces ? choiceIds(q, before.get(q.id)) : []);
		const has = new Set(choiceIds(q, input.answers.get(q.id)));
		for (const id of had) if (!has.has(id)) release.push(id);
		for (const id of has) if (!had.has(id)) take.push({ id, q });
	}
	await releaseChoices(trx, release);
	if (registration.holdsPlaces) {
		// By id: the order every use case takes choice rows in.
		for (const { id, q } of take.sort((a, b) => a.id - b.id)) {
			if (!(await takeChoice(trx, id))) {
				const label = q.choices.find((c) => c.id === id)?.label ?? m.q_this_choice();
				throw new DomainError('full', m.err_choice_full({ label }), questionField(q.id));
			}
		}
	}
	const changed: string[] = [];
	const unanswered: number[] = [];
	for (const q of input.questions) {
		const value = input.answers.get(q.id);
		if (value === undefined) {
			if (before.has(q.id)) {
				unanswered.push(q.id);
				changed.push(q.label);
			}
			continue;
		}
		const file = input.files.get(q.id);
		let fileId = previous.find((p) => p.questionId === q.id)?.fileId ?? null;
		if (file) {
			fileId = await insertFile(trx, {
				eventId: registration.eventId,
				ownerUserId: registration.userId,
				fileName: file.fileName,
				contentType: file.contentType,
				bytes: file.bytes,
				sha256: createHash('sha256').update(file.bytes).digest(),
				at
			});
		} else if (q.kind === 'file' && fileId === null) {
			continue; // a file question answered by name only, with no file kept: nothing to keep
		}
		const storedValue = file ? file.fileName : value;
		if (file || answerText(q, before.get(q.id)) !== answerText(q, storedValue))
			changed.push(q.label);
		await upsertAnswer(trx, registration.id, q.id, storedValue, fileId, at);
	}
	await deleteAnswers(trx, registration.id, unanswered);
	if (input.photo) {
		await savePhotoWithin(trx, registration, input.photo, by ?? registration.userId, at);
	}
	return { changed };
}

/** Gives back the choice places a registration holds (it was cancelled or declined). */
export async function releaseAnswerPlacesWithin(
	trx: Transaction<Database>,
	registrationId: number
): Promise<void> {
	const rows = await listAnswers(trx, registrationId);
	const ids = rows.flatMap((r) => (Array.isArray(r.value) ? (r.value as number[]) : []));
	await releaseChoices(
		trx,
		ids.sort((a, b) => a - b)
	);
}

/** Writes the audit entry of answers changed by the person or staff. */
export async function auditAnswers(
	trx: Transaction<Database>,
	actorUserId: number,
	registration: { id: number; eventId: number },
	changed: string[]
): Promise<void> {
	if (changed.length === 0) return;
	await writeAudit(trx, {
		actorUserId,
		action: 'registration.answers',
		entityType: 'registration',
		entityId: registration.id,
		eventId: registration.eventId,
		diff: { questions: changed }
	});
}
