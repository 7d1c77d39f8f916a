import { z } from 'zod';
import { CATEGORIES } from '../domain/category.ts';
import { QUESTION_KINDS, type QuestionKind } from '../domain/question.ts';
import { m } from '../paraglide/messages.js';
import { fieldErrors, oneLine, optionalOneLine, optionalText } from './fields.ts';

// The organizer's form that defines one question: its words, kind, who is asked, its condition
// and its choices (new ones one per line, "Dinner | 40" for a capacity; existing ones each with
// their own fields, so a renamed choice keeps its answers).

const MAX_CHOICES = 100;
const MAX_CAPACITY = 100_000;

export type ChoiceLine = { label: string; capacity: number | null };
export type ExistingChoiceInput = ChoiceLine & { id: number; remove: boolean };

export type QuestionInput = {
	label: string;
	help: string;
	section: string;
	kind: QuestionKind;
	required: boolean;
	categories: string[];
	condition: { questionId: number; value: string } | null;
	newChoices: ChoiceLine[];
	choices: ExistingChoiceInput[];
};

// The kinds as the organizer's page (and the audit log) names them.
export const QUESTION_KIND_TEXT: Record<QuestionKind, typeof m.qdef_kind_short_text> = {
	short_text: m.qdef_kind_short_text,
	long_text: m.qdef_kind_long_text,
	single_choice: m.qdef_kind_single_choice,
	multiple_choice: m.qdef_kind_multiple_choice,
	yes_no: m.qdef_kind_yes_no,
	number: m.qdef_kind_number,
	date: m.qdef_kind_date,
	file: m.qdef_kind_file
};

/** "Short text", "短いテキスト"…: a kind of answer in the language of the page. */
export function questionKindText(kind: QuestionKind): string {
	return QUESTION_KIND_TEXT[kind]();
}

/** What a refused form shows again, as typed. */
export type QuestionFormValues = Record<string, string | string[]>;

const base = z.object({
	label: oneLine(300, () => m.qdef_field_question()),
	help: optionalText(1000, () => m.qdef_field_help()),
	section: optionalOneLine(100, () => m.qdef_field_section()),
	kind: z.enum(QUESTION_KINDS, { error: () => m.qdef_error_kind() }),
	required: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	condition: z
		.string()
		.optional()
		.transform((v) => v ?? '')
		.refine((v) => v === '' || /^\d{1,15}:(yes|no|\d{1,15})$/.test(v), {
			error: () => m.qdef_error_condition()
		})
		.transform((v) => {
			if (v === '') return null;
			const [id, value] = v.split(':');
			return { questionId: Number(id), value };
		}),
	newChoices: optionalText(10_000, () => m.qdef_field_choices())
});

/** Reads "Label" or "Label | 40" lines; an error names the line. */
export function parseChoiceLines(textValue: string | undefined): ChoiceLine[] | string {
	const lines = (textValue ?? '')
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	if (lines.length > MAX_CHOICES) return m.qdef_error_too_many({ max: MAX_CHOICES });
	const choices: ChoiceLine[] = [];
	for (const [i, line] of lines.entries()) {
		const match = /^(.*?)\s*\|\s*([^|]*)$/.exec(line);
		const label = (match ? match[1] : line).trim();
		const capacityText = match ? match[2].trim() : '';
		if (label.length === 0 || label.length > 200) {
			return m.qdef_error_line_label({ line: i + 1 });
		}
		const capacity = parseCapacity(capacityText);
		if (capacity === 'invalid') {
			return m.qdef_error_line_places({ line: i + 1, max: MAX_CAPACITY });
		}
		choices.push({ label, capacity });
	}
	return choices;
}

function parseCapacity(value: string): number | null | 'invalid' {
	if (value === '') return null;
	if (!/^\d{1,6}$/.test(value)) return 'invalid';
	const n = Number(value);
	return n <= MAX_CAPACITY ? n : 'invalid';
}

function stringsOf(form: FormData, name: string): string[] {
	return form.getAll(name).filter((v): v is string => typeof v === 'string');
}

/** The form as typed, to show it again after a refusal. */
export function questionFormValues(form: FormData): QuestionFormValues {
	const values: QuestionFormValues = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string' || key in values) continue;
		values[key] = key === 'categories' ? stringsOf(form, key) : value;
	}
	return values;
}

/** Checks the question form; errors are keyed by field name. */
export function parseQuestionForm(
	form: FormData
): { success: true; data: QuestionInput } | { success: false; errors: Record<string, string> } {
	const raw = Object.fromEntries(
		['label', 'help', 'section', 'kind', 'required', 'condition', 'newChoices'].map((k) => {
			const v = form.get(k);
			return [k, typeof v === 'string' ? v : undefined];
		})
	);
	const parsed = base.safeParse(raw);
	const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
	const categories = [...new Set(stringsOf(form, 'categories'))];
	if (categories.some((c) => !(CATEGORIES as readonly string[]).includes(c))) {
		errors.categories = m.qdef_error_categories();
	}
	const newChoices = parseChoiceLines(parsed.success ? parsed.data.newChoices : undefined);
	if (typeof newChoices === 'string') errors.newChoices = newChoices;
	const choices: ExistingChoiceInput[] = [];
	for (const [key, value] of form) {
		const match = /^choice_(\d{1,15})_label$/.exec(key);
		if (!match || typeof value !== 'string') continue;
		const id = Number(match[1]);
		const label = value.normalize('NFC').trim();
		const capacity = parseCapacity(String(form.get(`choice_${id}_capacity`) ?? '').trim());
		if (label.length === 0 || label.length > 200 || /[\r\n]/.test(label)) {
			errors[key] = m.qdef_error_choice_label();
		} else if (capacity === 'invalid') {
			errors[`choice_${id}_capacity`] = m.qdef_error_places({ max: MAX_CAPACITY });
		} else {
			choices.push({ id, label, capacity, remove: form.get(`choice_${id}_remove`) === 'on' });
		}
	}
	if (!parsed.success || Object.keys(errors).length > 0 || typeof newChoices === 'string') {
		return { success: false, errors };
	}
	const d = parsed.data;
	return {
		success: true,
		data: {
			label: d.label,
			help: d.help ?? '',
			section: d.section ?? '',
			kind: d.kind,
			required: d.required,
			categories,
			condition: d.condition,
			newChoices,
			choices
		}
	};
}
