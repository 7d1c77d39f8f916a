import type { QuestionInput } from '../../src/lib/schemas/question-definition.ts';

// A question as the organizer's form gives it: optional, for everyone, with no condition, no
// section, no help, no choices — unless the test says otherwise.

export function questionInput(
	overrides: Partial<QuestionInput> & Pick<QuestionInput, 'label' | 'kind'>
): QuestionInput {
	return {
		help: '',
		section: '',
		required: false,
		categories: [],
		condition: null,
		newChoices: [],
		choices: [],
		...overrides
	};
}
