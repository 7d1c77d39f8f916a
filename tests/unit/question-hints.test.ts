import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import QuestionsBlock from '../../src/lib/components/QuestionsBlock.svelte';
import type { QuestionDef } from '../../src/lib/domain/question.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';

// When to answer a question that is not for everyone, and a choice with no seat left, in the
// page's language: the block writes these itself, so they come from the message files too.

const question = (id: number, over: Partial<QuestionDef>): QuestionDef => ({
	id,
	section: 'Sessions',
	kind: 'yes_no',
	label: '',
	help: '',
	required: false,
	categories: [],
	condition: null,
	choices: [],
	archived: false,
	...over
});

const present = question(1, {
	label: 'Will you present a country report?',
	categories: ['head_of_delegation']
});
const topic = question(2, {
	kind: 'short_text',
	label: 'Title of the report',
	categories: ['head_of_delegation'],
	condition: { questionId: 1, value: 'yes' }
});
const dinner = question(3, {
	label: 'Dietary notes for the dinner',
	condition: { questionId: 1, value: 'no' }
});
const session = question(4, {
	kind: 'single_choice',
	label: 'Parallel session',
	choices: [
		{ id: 41, label: 'Home care', capacity: 2, taken: 2, archived: false },
		{ id: 42, label: 'Day care', capacity: null, taken: 0, archived: false }
	]
});

/** The visible text of the block, tags taken out. */
function textOf(locale: 'en' | 'ja'): string {
	// The body is rendered when read: read it in the language.
	const body = inLocale(
		locale,
		() => render(QuestionsBlock, { props: { questions: [present, topic, dinner, session] } }).body
	);
	return body
		.replace(/<!--[^>]*-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');
}

describe('the hints of the questions block', () => {
	it('say in English for whom and when a question is asked', () => {
		const text = textOf('en');
		expect(text).toContain('Answer for head of delegation only.');
		expect(text).toContain(
			'Answer for head of delegation only, and only if you answered “Yes” to “Will you present a country report?”.'
		);
		expect(text).toContain(
			'Answer only if you answered “No” to “Will you present a country report?”.'
		);
		expect(text).toContain('Home care (full)');
	});

	it('say the same in Japanese, with no English word of their own', () => {
		const text = textOf('ja');
		expect(text).toContain('代表団長の方のみご回答ください。');
		expect(text).toContain(
			'代表団長の方で、「Will you present a country report?」で「はい」と回答した方のみご回答ください。'
		);
		expect(text).toContain(
			'「Will you present a country report?」で「いいえ」と回答した方のみご回答ください。'
		);
		expect(text).toContain('Home care（満席）');
		const written = [present, topic, dinner, session].flatMap((q) => [
			q.label,
			q.section,
			...q.choices.map((c) => c.label)
		]);
		let left = text;
		for (const w of written) left = left.replaceAll(w, '');
		expect(left).not.toMatch(/\b(Answer|only|full|answered)\b/);
	});
});
