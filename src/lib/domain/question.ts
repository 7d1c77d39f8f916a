// The kinds of question an organizer may ask on an event's registration form, and the
// questions as a reader sees them (in their language where the organizer wrote it).

import {
	CHOICE_TRANSLATED,
	QUESTION_TRANSLATED,
	localized,
	type Translations
} from './translations.ts';

export const QUESTION_KINDS = [
	'short_text',
	'long_text',
	'single_choice',
	'multiple_choice',
	'yes_no',
	'number',
	'date',
	'file'
] as const;

export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds whose answer can be the condition of another question. */
export const CONDITION_KINDS: readonly QuestionKind[] = [
	'single_choice',
	'multiple_choice',
	'yes_no'
];

/** Kinds whose answers are a list of choices. */
export function hasChoices(kind: QuestionKind): boolean {
	return kind === 'single_choice' || kind === 'multiple_choice';
}

export function isQuestionKind(value: string): value is QuestionKind {
	return (QUESTION_KINDS as readonly string[]).includes(value);
}

/** One choice of a question, as the form and the services see it. */
export type ChoiceDef = {
	id: number;
	label: string;
	capacity: number | null;
	taken: number;
	archived: boolean;
	/** The label in other languages. */
	translations?: Translations;
};

/** One question, as the form and the schema builder see it. */
export type QuestionDef = {
	id: number;
	section: string;
	kind: QuestionKind;
	label: string;
	help: string;
	required: boolean;
	/** Empty: every category is asked. */
	categories: string[];
	condition: { questionId: number; value: string } | null;
	choices: ChoiceDef[];
	archived: boolean;
	/** Label, help and section in other languages. */
	translations?: Translations;
};

/**
 * The questions as a reader of `locale` sees them: label, help, section and choices in that
 * language where the organizer wrote them, else as written. A section is named by its first
 * question's words, so its questions stay together in every language.
 */
export function questionsIn(
	questions: readonly QuestionDef[],
	locale: string | null | undefined
): QuestionDef[] {
	const sectionNames = new Map<string, string>();
	// The other languages stay behind: a page's data carries only the words it shows.
	return questions.map((q) => {
		const { translations: _, ...shown } = localized(q, QUESTION_TRANSLATED, locale);
		if (!sectionNames.has(q.section)) sectionNames.set(q.section, shown.section);
		return {
			...shown,
			section: sectionNames.get(q.section)!,
			choices: q.choices.map((c) => {
				const { translations: _, ...choice } = localized(c, CHOICE_TRANSLATED, locale);
				return choice;
			})
		};
	});
}

/** A stored answer: text, a number, 'yes' | 'no', choice ids, or a file's name. */
export type AnswerValue = string | number | number[];

/** The form field of a question. */
export function questionField(id: number): string {
	return `q_${id}`;
}

/** A choice still open to new answers: not archived, and not full. */
export function choiceOpen(choice: ChoiceDef): boolean {
	return !choice.archived && (choice.capacity === null || choice.taken < choice.capacity);
}

/** Whether a form asking these questions (and a photo by this policy) sends files. */
export function formCarriesFiles(
	questions: readonly Pick<QuestionDef, 'kind'>[],
	photoPolicy: 'off' | 'optional' | 'required'
): boolean {
	return photoPolicy !== 'off' || questions.some((q) => q.kind === 'file');
}
