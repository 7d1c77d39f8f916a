import { z } from 'zod';
import { CATEGORIES } from '../domain/category.ts';
import { QUESTION_KINDS, type QuestionKind } from '../domain/question.ts';
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

/** What a refused form shows again, as typed. */
export type QuestionFormValues = Record<string, string | string[]>;

const base = z.object({
	label: oneLine(300, 'The question'),
	help: optionalText(1000, 'The help text'),
	section: optionalOneLine(100, 'The section'),
	kind: z.enum(QUESTION_KINDS, { error: 'Choose the kind of answer' }),
	required: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	condition: z
		.string()
		.optional()
		.transform((v) => v ?? '')
		.refine(
			(v) => v === '' || /^\d{1,15}:(yes|no|\d{1,15})$/.test(v),
			'Choose a condition from the list'
		)
		.transform((v) => {
			if (v === '') return null;
			const [id, value] = v.split(':');
			return { questionId: Number(id), value };
		}),
	newChoices: optionalText(10_000, 'The choices')
});

/** Reads "Label" or "Label | 40" lines; an error names the line. */
export function parseChoiceLines(textValue: string | undefined): ChoiceLine[] | string {
	const lines = (textValue ?? '')
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	if (lines.length > MAX_CHOICES) return `At most ${MAX_CHOICES} choices`;
	const choices: ChoiceLine[] = [];
	for (const [i, line] of lines.entries()) {
		const match = /^(.*?)\s*\|\s*([^|]*)$/.exec(line);
		const label = (match ? match[1] : line).trim();
		const capacityText = match ? match[2].trim() : '';
		if (label.length === 0 || label.length > 200) {
			return `Line ${i + 1}: a choice needs a label of 1 to 200 characters`;
		}
		const capacity = parseCapacity(capacityText);
		if (capacity === 'invalid') {
			return `Line ${i + 1}: the number of places must be a whole number from 0 to ${MAX_CAPACITY}`;
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
		errors.categories = 'Choose categories from the list';
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
			errors[key] = 'A choice needs a label of 1 to 200 characters';
		} else if (capacity === 'invalid') {
			errors[`choice_${id}_capacity`] =
				`The number of places must be a whole number from 0 to ${MAX_CAPACITY}`;
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
