import { describe, expect, it } from 'vitest';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import type { AnswerValue, QuestionDef } from '../../src/lib/domain/question.ts';
import {
	cancelRegistration,
	registerDelegate
} from '../../src/lib/server/registrations/registration.service.ts';
import {
	createQuestion,
	formQuestions,
	removeQuestion,
	staffQuestions,
	updateQuestion
} from '../../src/lib/server/questions/question.service.ts';
import type { QuestionInput } from '../../src/lib/schemas/question-definition.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { actorWithRole, delegateActor, domainError } from '../helpers/event-actors.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);

function input(overrides: Partial<QuestionInput> = {}): QuestionInput {
	return {
		label: 'Will you attend the welcome dinner hosted by the Vice-Minister?',
		help: '',
		section: 'Social programme',
		kind: 'single_choice',
		required: true,
		categories: [],
		condition: null,
		newChoices: [
			{ label: 'Yes', capacity: 1 },
			{ label: 'No', capacity: null }
		],
		choices: [],
		...overrides
	};
}

async function setUp(seats = 1) {
	const event = await makeEvent({ starts_on: day(60), ends_on: day(62) });
	const delegation = await makeDelegation(event.id, 'TH');
	const organizer = await actorWithRole(event.id, 'organizer');
	const id = await createQuestion(
		organizer,
		event.id,
		input({
			newChoices: [
				{ label: 'Yes', capacity: seats },
				{ label: 'No', capacity: null }
			]
		})
	);
	const questions = await formQuestions(event.id);
	const dinner = questions.find((q) => q.id === id)!;
	return { event, delegation, organizer, questions, dinner };
}

function registerAnswering(
	eventId: number,
	delegationId: number,
	questions: QuestionDef[],
	answers: Array<[number, AnswerValue]>
) {
	return registerDelegate({
		eventId,
		values: delegateValues(delegationId),
		submissionKey: submissionKey(),
		answers: { questions, answers: new Map(answers), files: new Map() }
	});
}

async function taken(choiceId: number) {
	const row = await db()
		.selectFrom('question_choices')
		.select('taken')
		.where('id', '=', choiceId)
		.executeTakeFirstOrThrow();
	return row.taken;
}

describe('a choice with a capacity', () => {
	it('two registrations at once for the last dinner seat: one wins, the other is told beside the question', async () => {
		const { event, delegation, questions, dinner } = await setUp(1);
		const yes = dinner.choices[0];
		const results = await Promise.allSettled([
			registerAnswering(event.id, delegation.id, questions, [[dinner.id, [yes.id]]]),
			registerAnswering(event.id, delegation.id, questions, [[dinner.id, [yes.id]]])
		]);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r) => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const error = (lost[0] as PromiseRejectedResult).reason as DomainError;
		expect(error).toBeInstanceOf(DomainError);
		expect(error.field).toBe(`q_${dinner.id}`);
		expect(error.message).toMatch(/“Yes” is full/);
		expect(await taken(yes.id)).toBe(1);
		// The losing registration left nothing behind.
		const rows = await db()
			.selectFrom('registrations')
			.select('id')
			.where('event_id', '=', event.id)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('100 registrations at once for 40 seats: never over, and the counter agrees with the answers', async () => {
		const { event, delegation, questions, dinner } = await setUp(40);
		const yes = dinner.choices[0];
		const results = await Promise.allSettled(
			Array.from({ length: 100 }, () =>
				registerAnswering(event.id, delegation.id, questions, [[dinner.id, [yes.id]]])
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
		for (const r of results) {
			if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DomainError);
		}
		const answers = await db()
			.selectFrom('answers')
			.select('registration_id')
			.where('question_id', '=', dinner.id)
			.execute();
		expect(answers).toHaveLength(40);
		expect(await taken(yes.id)).toBe(40);
	});

	it('a cancelled registration gives its dinner seat back', async () => {
		const { event, delegation, questions, dinner } = await setUp(1);
		const yes = dinner.choices[0];
		const first = await registerAnswering(event.id, delegation.id, questions, [
			[dinner.id, [yes.id]]
		]);
		const row = await db()
			.selectFrom('registrations')
			.select('user_id')
			.where('id', '=', first.registrationId)
			.executeTakeFirstOrThrow();
		await cancelRegistration(delegateActor(row.user_id), first.registrationId);
		expect(await taken(yes.id)).toBe(0);
		await registerAnswering(event.id, delegation.id, questions, [[dinner.id, [yes.id]]]);
		expect(await taken(yes.id)).toBe(1);
	});

	it('the number of places cannot go below those taken', async () => {
		const { event, delegation, organizer, questions, dinner } = await setUp(3);
		const yes = dinner.choices[0];
		await registerAnswering(event.id, delegation.id, questions, [[dinner.id, [yes.id]]]);
		await registerAnswering(event.id, delegation.id, questions, [[dinner.id, [yes.id]]]);
		const error = await domainError(
			updateQuestion(
				organizer,
				event.id,
				dinner.id,
				input({
					newChoices: [],
					choices: dinner.choices.map((c) => ({
						id: c.id,
						label: c.label,
						capacity: c.id === yes.id ? 1 : null,
						remove: false
					}))
				})
			)
		);
		expect(error.field).toBe(`choice_${yes.id}_capacity`);
	});
});

describe('removing and changing questions', () => {
	it('an answered question is archived, not lost; an unanswered one is deleted', async () => {
		const { event, delegation, organizer, questions, dinner } = await setUp(5);
		const spare = await createQuestion(
			organizer,
			event.id,
			input({ label: 'Spare', kind: 'short_text', required: false, newChoices: [] })
		);
		await registerAnswering(event.id, delegation.id, questions, [
			[dinner.id, [dinner.choices[1].id]]
		]);
		expect(await removeQuestion(organizer, event.id, dinner.id)).toBe('archived');
		expect(await removeQuestion(organizer, event.id, spare)).toBe('deleted');
		expect((await formQuestions(event.id)).map((q) => q.id)).toEqual([]);
		const all = await staffQuestions(organizer, event.id);
		expect(all.map((q) => [q.id, q.archived])).toEqual([[dinner.id, true]]);
		const kept = await db()
			.selectFrom('answers')
			.select('value')
			.where('question_id', '=', dinner.id)
			.execute();
		expect(kept).toHaveLength(1);
	});

	it('a removed choice that was chosen stays readable (archived)', async () => {
		const { event, delegation, organizer, questions, dinner } = await setUp(5);
		const [yes, no] = dinner.choices;
		await registerAnswering(event.id, delegation.id, questions, [[dinner.id, [no.id]]]);
		await updateQuestion(
			organizer,
			event.id,
			dinner.id,
			input({
				newChoices: [{ label: 'Maybe', capacity: null }],
				choices: [
					{ id: yes.id, label: 'Yes, gladly', capacity: 5, remove: false },
					{ id: no.id, label: 'No', capacity: null, remove: true }
				]
			})
		);
		const after = (await staffQuestions(organizer, event.id)).find((q) => q.id === dinner.id)!;
		expect(after.choices.map((c) => [c.label, c.archived])).toEqual([
			['Yes, gladly', false],
			['No', true],
			['Maybe', false]
		]);
	});

	it('a condition must point at a yes/no or choice question and an answer it has', async () => {
		const { event, organizer, dinner } = await setUp(5);
		const error = await domainError(
			createQuestion(
				organizer,
				event.id,
				input({
					kind: 'short_text',
					newChoices: [],
					condition: { questionId: dinner.id, value: '999999' }
				})
			)
		);
		expect(error.field).toBe('condition');
	});

	it('a secretariat member may not define questions', async () => {
		const { event } = await setUp(5);
		const secretariat = await actorWithRole(event.id, 'secretariat');
		const error = await domainError(createQuestion(secretariat, event.id, input()));
		expect(error.code).toBe('forbidden');
	});
});
