import { z } from 'zod';
import {
	hasChoices,
	questionField,
	type AnswerValue,
	type QuestionDef
} from '../domain/question.ts';
import { optionalText, text } from './fields.ts';
import { m } from '../paraglide/messages.js';
import type { Locale } from '../i18n/locales.ts';

// The answers part of a registration form, built from the event's question definitions: which
// questions a person is asked (their category, conditions on earlier answers), and a zod schema
// for exactly those. Browser-safe: the form checks with it too.

/** What the form sent for the questions: one string, or several for a multiple choice. */
export type RawAnswers = Record<string, string | string[] | undefined>;

const SHORT = 300;
const LONG = 4000;
const ANSWER = m.q_err_answer;
const PLEASE_ANSWER = { error: () => m.q_err_please_answer() };
const CHOOSE = { error: () => m.q_err_choose() };
const NUMBER = /^-?\d{1,12}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The answers of a form, read from its data (strings only; a file is told by its name). */
export function readAnswerForm(form: FormData, questions: readonly QuestionDef[]): RawAnswers {
	const raw: RawAnswers = {};
	for (const q of questions) {
		const name = questionField(q.id);
		const values = form.getAll(name);
		if (q.kind === 'multiple_choice') {
			raw[name] = values.filter((v): v is string => typeof v === 'string').slice(0, 100);
		} else if (q.kind === 'file') {
			const file = values.find((v) => typeof v !== 'string' && v.size > 0);
			const kept = form.get(`${name}_kept`);
			raw[name] =
				file && typeof file !== 'string'
					? file.name || 'file'
					: typeof kept === 'string'
						? kept
						: undefined;
		} else {
			const first = values.find((v) => typeof v === 'string');
			raw[name] = typeof first === 'string' ? first : undefined;
		}
	}
	return raw;
}

function chosen(raw: RawAnswers, q: QuestionDef): string[] {
	const value = raw[questionField(q.id)];
	if (value === undefined || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * The questions a person is asked, in order: those for their category whose condition (an
 * answer to another question that is itself asked) holds. The server ignores answers to others.
 */
export function askedQuestions(
	questions: readonly QuestionDef[],
	raw: RawAnswers,
	category: string | undefined
): QuestionDef[] {
	const byId = new Map(questions.map((q) => [q.id, q]));
	const memo = new Map<number, boolean>();
	const asked = (q: QuestionDef, depth: number): boolean => {
		const known = memo.get(q.id);
		if (known !== undefined) return known;
		let result =
			!q.archived && (q.categories.length === 0 || q.categories.includes(category ?? ''));
		if (result && q.condition) {
			const parent = byId.get(q.condition.questionId);
			result =
				depth < 20 &&
				parent !== undefined &&
				asked(parent, depth + 1) &&
				chosen(raw, parent).includes(q.condition.value);
		}
		memo.set(q.id, result);
		return result;
	};
	return questions.filter((q) => asked(q, 0));
}

function choiceSchema(q: QuestionDef, held: ReadonlySet<number>) {
	const allowed = new Set(
		q.choices.filter((c) => !c.archived || held.has(c.id)).map((c) => String(c.id))
	);
	const one = z.string().refine((v) => allowed.has(v), CHOOSE);
	if (q.kind === 'single_choice') {
		const required = one.transform((v) => [Number(v)]);
		return q.required
			? z.string(PLEASE_ANSWER).min(1, PLEASE_ANSWER).pipe(required)
			: z
					.string()
					.refine((v) => v === '' || allowed.has(v), CHOOSE)
					.transform((v) => (v === '' ? undefined : [Number(v)]))
					.optional();
	}
	const many = z
		.array(one)
		.transform((v) => [...new Set(v)].map(Number))
		.refine((v) => !q.required || v.length > 0, { error: () => m.q_err_choose_one_or_more() });
	return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), many);
}

function numberSchema() {
	return z
		.string()
		.transform((v) => v.trim().replace(/,/g, ''))
		.refine((v) => v === '' || NUMBER.test(v), { error: () => m.q_err_number() })
		.transform((v) => (v === '' ? undefined : Number(v)));
}

function dateSchema() {
	return z
		.string()
		.transform((v) => v.trim())
		.refine(
			(v) => {
				if (v === '') return true;
				if (!DATE.test(v)) return false;
				const d = new Date(`${v}T00:00:00Z`);
				return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
			},
			{ error: () => m.q_err_date() }
		)
		.transform((v) => (v === '' ? undefined : v));
}

/** A value's schema for one question; a required one refuses empty. */
function answerSchema(
	q: QuestionDef,
	held: ReadonlySet<number>
): z.ZodType<AnswerValue | undefined> {
	const requireValue = <T>(schema: z.ZodType<T | undefined, string>) =>
		z
			.string(PLEASE_ANSWER)
			.pipe(schema)
			.refine((v) => !q.required || v !== undefined, PLEASE_ANSWER);
	switch (q.kind) {
		case 'short_text':
		case 'long_text': {
			const max = q.kind === 'short_text' ? SHORT : LONG;
			return q.required
				? z.string(PLEASE_ANSWER).min(1, PLEASE_ANSWER).pipe(text(max, ANSWER))
				: optionalText(max, ANSWER);
		}
		case 'yes_no': {
			const yesNo = z.enum(['yes', 'no'], { error: () => m.q_err_yes_no() });
			return q.required
				? z.string(PLEASE_ANSWER).min(1, PLEASE_ANSWER).pipe(yesNo)
				: z
						.enum(['', 'yes', 'no'], { error: () => m.q_err_yes_no() })
						.transform((v) => (v === '' ? undefined : v))
						.optional();
		}
		case 'number':
			return q.required ? requireValue(numberSchema()) : numberSchema().optional();
		case 'date':
			return q.required ? requireValue(dateSchema()) : dateSchema().optional();
		case 'file': {
			const name = optionalText(255, m.q_err_file_name);
			return q.required
				? z
						.string({ error: () => m.q_err_upload() })
						.min(1, { error: () => m.q_err_upload() })
						.pipe(text(255, m.q_err_file_name))
				: name;
		}
		default:
			return choiceSchema(q, held) as z.ZodType<AnswerValue | undefined>;
	}
}

/** An event's questions on a form, with the key of their answers schema (event and version). */
export type QuestionSet = { questions: QuestionDef[]; schemaKey: string };

type AnswerSchema = z.ZodType<AnswerValue | undefined>;
/** Each question's answer schema, by question id. */
export type AnswerSchemas = ReadonlyMap<number, AnswerSchema>;

const built = new Map<string, AnswerSchemas>();
const KEPT = 200;

function buildSchemas(questions: readonly QuestionDef[]): AnswerSchemas {
	return new Map(questions.map((q) => [q.id, answerSchema(q, new Set())]));
}

/**
 * The answer schemas of an event's questions. Building them costs more than using them, and the
 * same questions version gives the same schemas: with a key (event and questions version, which
 * every change to the questions counts up) they are built once and kept.
 */
export function answerSchemas(
	questions: readonly QuestionDef[],
	schemaKey?: string
): AnswerSchemas {
	if (!schemaKey) return buildSchemas(questions);
	let schemas = built.get(schemaKey);
	if (!schemas) {
		if (built.size >= KEPT) built.clear();
		schemas = buildSchemas(questions);
		built.set(schemaKey, schemas);
	}
	return schemas;
}

/** A question's schema: the kept one, unless the person holds a choice since archived. */
function schemaFor(q: QuestionDef, schemas: AnswerSchemas, held: ReadonlySet<number>) {
	const holdsArchived = q.choices.some((c) => c.archived && held.has(c.id));
	return (!holdsArchived && schemas.get(q.id)) || answerSchema(q, held);
}

export type ParsedAnswers =
	| { success: true; answers: Map<number, AnswerValue>; asked: QuestionDef[] }
	| { success: false; errors: Record<string, string> };

/**
 * Checks the answers a form sent: only the questions asked of this person count. `held` are the
 * choices the person already holds (still valid when since archived); `schemaKey` names the
 * questions version whose schemas are kept (see answerSchemas).
 */
export function parseAnswers(
	questions: readonly QuestionDef[],
	raw: RawAnswers,
	category: string | undefined,
	held: ReadonlySet<number> = new Set(),
	schemaKey?: string
): ParsedAnswers {
	const asked = askedQuestions(questions, raw, category);
	const schemas = answerSchemas(questions, schemaKey);
	const answers = new Map<number, AnswerValue>();
	const errors: Record<string, string> = {};
	for (const q of asked) {
		const name = questionField(q.id);
		const parsed = schemaFor(q, schemas, held).safeParse(raw[name]);
		if (!parsed.success) {
			errors[name] = parsed.error.issues[0]?.message ?? m.q_err_please_answer();
			continue;
		}
		const value = parsed.data;
		if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
		answers.set(q.id, value);
	}
	if (Object.keys(errors).length > 0) return { success: false, errors };
	return { success: true, answers, asked };
}

/** The form values of stored answers (to fill in the form again). */
export function rawFromAnswers(
	questions: readonly QuestionDef[],
	answers: ReadonlyMap<number, AnswerValue>
): RawAnswers {
	const raw: RawAnswers = {};
	for (const q of questions) {
		const value = answers.get(q.id);
		if (value === undefined) continue;
		raw[questionField(q.id)] = hasChoices(q.kind) ? (value as number[]).map(String) : String(value);
	}
	return raw;
}

/**
 * An answer in words: choice labels joined, yes/no, the text itself; the words of yes and no in
 * `locale` (the page's language when not given).
 */
export function answerText(
	q: QuestionDef,
	value: AnswerValue | undefined,
	locale?: Locale
): string {
	if (value === undefined) return '';
	const options = locale ? { locale } : undefined;
	if (hasChoices(q.kind) && Array.isArray(value)) {
		return value
			.map((id) => q.choices.find((c) => c.id === id)?.label ?? m.q_removed_choice({ id }, options))
			.join('; ');
	}
	if (q.kind === 'yes_no')
		return value === 'yes' ? m.answer_yes({}, options) : m.answer_no({}, options);
	return String(value);
}
