import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	QUESTION_KINDS,
	questionField,
	type QuestionDef,
	type QuestionKind
} from '../../src/lib/domain/question.ts';
import {
	askedQuestions,
	parseAnswers,
	readAnswerForm,
	type RawAnswers
} from '../../src/lib/schemas/questions.ts';
import { parseQuestionForm } from '../../src/lib/schemas/question-definition.ts';

// The answers schema built from question definitions: any definition set accepts valid answers
// and refuses invalid ones; conditions and categories decide what is asked.

function question(id: number, kind: QuestionKind, extra: Partial<QuestionDef> = {}): QuestionDef {
	const choices =
		kind === 'single_choice' || kind === 'multiple_choice'
			? [1, 2, 3].map((n) => ({
					id: id * 10 + n,
					label: `Choice ${n}`,
					capacity: null,
					taken: 0,
					archived: false
				}))
			: [];
	return {
		id,
		section: '',
		kind,
		label: `Question ${id}`,
		help: '',
		required: false,
		categories: [],
		condition: null,
		choices,
		archived: false,
		...extra
	};
}

/** A valid answer for a question, as a form sends it. */
function validRaw(q: QuestionDef, pick: number): string | string[] {
	switch (q.kind) {
		case 'short_text':
		case 'long_text':
			return `Country report ${pick}`;
		case 'single_choice':
			return String(q.choices[pick % q.choices.length].id);
		case 'multiple_choice':
			return q.choices.slice(0, (pick % q.choices.length) + 1).map((c) => String(c.id));
		case 'yes_no':
			return pick % 2 ? 'yes' : 'no';
		case 'number':
			return String(pick);
		case 'date':
			return `2026-0${(pick % 9) + 1}-1${pick % 10}`;
		case 'file':
			return 'report.pdf';
	}
}

/** An invalid answer for a question (every kind but text has one). */
function invalidRaw(q: QuestionDef): string | string[] | null {
	switch (q.kind) {
		case 'short_text':
			return 'x'.repeat(301);
		case 'long_text':
			return 'x'.repeat(4001);
		case 'single_choice':
			return '999999';
		case 'multiple_choice':
			return ['999999'];
		case 'yes_no':
			return 'maybe';
		case 'number':
			return 'twelve';
		case 'date':
			return '2026-02-30';
		case 'file':
			return null;
	}
}

const definitionSet = fc.array(
	fc.record({ kind: fc.constantFrom(...QUESTION_KINDS), required: fc.boolean() }),
	{ minLength: 1, maxLength: 8 }
);

describe('the answers schema built from definitions', () => {
	it('accepts valid answers to any definition set, and keeps them', () => {
		fc.assert(
			fc.property(definitionSet, fc.nat(50), (defs, pick) => {
				const questions = defs.map((d, i) => question(i + 1, d.kind, { required: d.required }));
				const raw: RawAnswers = {};
				for (const q of questions) raw[questionField(q.id)] = validRaw(q, pick);
				const parsed = parseAnswers(questions, raw, 'delegate');
				expect(parsed.success).toBe(true);
				if (parsed.success) expect(parsed.answers.size).toBe(questions.length);
			})
		);
	});

	it('refuses an invalid answer beside its question, whatever the others are', () => {
		fc.assert(
			fc.property(definitionSet, fc.nat(50), fc.nat(7), (defs, pick, which) => {
				const questions = defs.map((d, i) => question(i + 1, d.kind, { required: d.required }));
				const target = questions[which % questions.length];
				const bad = invalidRaw(target);
				fc.pre(bad !== null);
				const raw: RawAnswers = {};
				for (const q of questions) raw[questionField(q.id)] = validRaw(q, pick);
				raw[questionField(target.id)] = bad!;
				const parsed = parseAnswers(questions, raw, 'delegate');
				expect(parsed.success).toBe(false);
				if (!parsed.success) expect(Object.keys(parsed.errors)).toEqual([questionField(target.id)]);
			})
		);
	});

	it('refuses a required question left empty, and accepts an optional one left empty', () => {
		fc.assert(
			fc.property(fc.constantFrom(...QUESTION_KINDS), fc.boolean(), (kind, required) => {
				const q = question(1, kind, { required });
				const parsed = parseAnswers([q], {}, 'delegate');
				expect(parsed.success).toBe(!required);
				if (!parsed.success)
					expect(parsed.errors[questionField(1)]).toMatch(/answer|upload|choose/i);
			})
		);
	});
});

/**
 * Definitions with categories, conditions on an earlier yes/no question, and full choices (a
 * choice's places are decided under the event lock when answers are saved, not by the schema:
 * questions-capacity.test.ts).
 */
const richSet = fc.array(
	fc.record({
		kind: fc.constantFrom(...QUESTION_KINDS),
		required: fc.boolean(),
		categories: fc.subarray(['delegate', 'observer', 'head_of_delegation']),
		conditional: fc.boolean(),
		full: fc.boolean()
	}),
	{ minLength: 1, maxLength: 8 }
);

type RichDef = {
	kind: QuestionKind;
	required: boolean;
	categories: string[];
	conditional: boolean;
	full: boolean;
};

function richQuestions(defs: RichDef[]): QuestionDef[] {
	const questions: QuestionDef[] = [];
	defs.forEach((d, i) => {
		const q = question(i + 1, d.kind, { required: d.required, categories: d.categories });
		const parent = questions.find((p) => p.kind === 'yes_no');
		if (d.conditional && parent) q.condition = { questionId: parent.id, value: 'yes' };
		// A choice with one place, already taken: the answers are still well-formed.
		if (d.full && q.choices.length) q.choices[0] = { ...q.choices[0], capacity: 1, taken: 1 };
		questions.push(q);
	});
	return questions;
}

/** A valid answer that avoids full choices. */
function openRaw(q: QuestionDef, pick: number): string | string[] {
	const open = { ...q, choices: q.choices.filter((c) => c.capacity === null) };
	return validRaw(open, pick);
}

describe('the answers schema with categories, conditions and capacities', () => {
	it('keeps exactly the answers of the questions asked, and ignores hidden ones', () => {
		fc.assert(
			fc.property(
				richSet,
				fc.nat(50),
				fc.constantFrom('delegate', 'observer', 'head_of_delegation'),
				(defs, pick, category) => {
					const questions = richQuestions(defs);
					const raw: RawAnswers = {};
					for (const q of questions) raw[questionField(q.id)] = openRaw(q, pick);
					const asked = askedQuestions(questions, raw, category).map((q) => q.id);
					const parsed = parseAnswers(questions, raw, category);
					expect(parsed.success).toBe(true);
					if (parsed.success) expect([...parsed.answers.keys()].sort()).toEqual(asked.sort());
					// A hidden required question left empty is never asked for.
					const hidden = questions.filter((q) => !asked.includes(q.id));
					for (const q of hidden) delete raw[questionField(q.id)];
					expect(parseAnswers(questions, raw, category).success).toBe(true);
					// A required question that is asked and left empty is refused beside itself.
					const must = questions.find((q) => q.required && asked.includes(q.id));
					if (must) {
						const dependents = questions.filter((q) => q.condition?.questionId === must.id);
						fc.pre(dependents.length === 0);
						delete raw[questionField(must.id)];
						const empty = parseAnswers(questions, raw, category);
						expect(empty.success).toBe(false);
						if (!empty.success) expect(Object.keys(empty.errors)).toEqual([questionField(must.id)]);
					}
				}
			)
		);
	});
});

describe('conditions and categories decide what is asked', () => {
	const dinner = question(1, 'yes_no', {
		label: 'Will you attend the welcome dinner?',
		required: true
	});
	const diet = question(2, 'short_text', {
		required: true,
		condition: { questionId: 1, value: 'yes' }
	});
	const report = question(3, 'short_text', { required: true, categories: ['head_of_delegation'] });

	it('a conditional question is asked only when the answer it depends on is given', () => {
		expect(askedQuestions([dinner, diet], { q_1: 'yes' }, 'delegate').map((q) => q.id)).toEqual([
			1, 2
		]);
		expect(askedQuestions([dinner, diet], { q_1: 'no' }, 'delegate').map((q) => q.id)).toEqual([1]);
		expect(parseAnswers([dinner, diet], { q_1: 'yes' }, 'delegate').success).toBe(false);
	});

	it('the server ignores an answer to a question not asked, even an invalid one', () => {
		const parsed = parseAnswers([dinner, diet], { q_1: 'no', q_2: 'x'.repeat(5000) }, 'delegate');
		expect(parsed.success).toBe(true);
		if (parsed.success) expect([...parsed.answers.keys()]).toEqual([1]);
	});

	it('a question for heads of delegation is not asked of a delegate', () => {
		expect(parseAnswers([report], {}, 'delegate').success).toBe(true);
		expect(parseAnswers([report], {}, 'head_of_delegation').success).toBe(false);
	});

	it('a question depending on a question not asked is not asked either', () => {
		const hodOnly = question(4, 'yes_no', { categories: ['head_of_delegation'] });
		const follow = question(5, 'short_text', {
			required: true,
			condition: { questionId: 4, value: 'yes' }
		});
		expect(askedQuestions([hodOnly, follow], { q_4: 'yes' }, 'delegate')).toEqual([]);
	});

	it('an archived choice is refused, unless the person already holds it', () => {
		const q = question(6, 'single_choice');
		q.choices[0].archived = true;
		const raw = { q_6: String(q.choices[0].id) };
		expect(parseAnswers([q], raw, 'delegate').success).toBe(false);
		expect(parseAnswers([q], raw, 'delegate', new Set([q.choices[0].id])).success).toBe(true);
	});

	it('reads several ticks of a multiple choice from a posted form', () => {
		const q = question(7, 'multiple_choice', { required: true });
		const form = new FormData();
		form.append('q_7', '71');
		form.append('q_7', '73');
		const parsed = parseAnswers([q], readAnswerForm(form, [q]), 'delegate');
		expect(parsed.success && parsed.answers.get(7)).toEqual([71, 73]);
	});
});

describe('the question definition form', () => {
	it('reads choices with capacities, one per line', () => {
		const form = new FormData();
		form.set('label', 'Will you attend the welcome dinner hosted by the Vice-Minister?');
		form.set('kind', 'single_choice');
		form.set('newChoices', 'Yes, I will attend | 40\nNo');
		const parsed = parseQuestionForm(form);
		expect(parsed.success && parsed.data.newChoices).toEqual([
			{ label: 'Yes, I will attend', capacity: 40 },
			{ label: 'No', capacity: null }
		]);
	});

	it('names the line of a capacity that is not a number', () => {
		const form = new FormData();
		form.set('label', 'Dinner?');
		form.set('kind', 'single_choice');
		form.set('newChoices', 'Yes | forty');
		const parsed = parseQuestionForm(form);
		expect(!parsed.success && parsed.errors.newChoices).toMatch(/Line 1/);
	});
});
