import { describe, expect, it } from 'vitest';
import type { AnswerValue, QuestionDef } from '../../src/lib/domain/question.ts';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import type { Registration } from '../../src/lib/server/db/schema.ts';
import { previewAnnouncement } from '../../src/lib/server/announcements/announcement.service.ts';
import { exportPersonalData } from '../../src/lib/server/privacy/data-export.service.ts';
import { attendeeList } from '../../src/lib/server/attendees/attendee.service.ts';
import { openRegistrationsExport } from '../../src/lib/server/exports/export.service.ts';
import { answersOf, saveOwnAnswers } from '../../src/lib/server/questions/own-answers.service.ts';
import {
	createQuestion,
	formQuestions,
	removeQuestion
} from '../../src/lib/server/questions/question.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { actorWithRole, delegateActor, domainError } from '../helpers/event-actors.ts';
import { questionInput } from '../helpers/question-input.ts';
import { csvText } from '../helpers/exports.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Answers where they matter: the attendee list filtered by an answer, the export's one column per
// question (choices joined, archived questions kept), and the delegate's own page, where
// questions added after registering are asked and a full choice is refused.

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);

const input = questionInput;

async function setUp() {
	const event = await makeEvent({ starts_on: day(60), ends_on: day(62) });
	const delegation = await makeDelegation(event.id, 'TH');
	const organizer = await actorWithRole(event.id, 'organizer');
	const dinnerId = await createQuestion(
		organizer,
		event.id,
		input({
			label: 'Welcome dinner?',
			kind: 'single_choice',
			newChoices: [
				{ label: 'Yes', capacity: 2 },
				{ label: 'No', capacity: null }
			]
		})
	);
	const sessionsId = await createQuestion(
		organizer,
		event.id,
		input({
			label: 'Sessions',
			kind: 'multiple_choice',
			newChoices: [
				{ label: 'Session A', capacity: null },
				{ label: 'Session B', capacity: null }
			]
		})
	);
	const questions = await formQuestions(event.id);
	const dinner = questions.find((q) => q.id === dinnerId)!;
	const sessions = questions.find((q) => q.id === sessionsId)!;
	const register = async (answers: Array<[number, AnswerValue]>, list = questions) => {
		const result = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id),
			submissionKey: submissionKey(),
			answers: { questions: list, answers: new Map(answers), files: new Map() }
		});
		return db()
			.selectFrom('registrations')
			.selectAll()
			.where('id', '=', result.registrationId)
			.executeTakeFirstOrThrow() as Promise<Registration>;
	};
	return { event, organizer, dinner, sessions, register };
}

const choice = (q: QuestionDef, label: string) => q.choices.find((c) => c.label === label)!.id;

describe('answers on the attendee list and in exports', () => {
	it('filters the list by an answer, and exports one column per question with choices joined', async () => {
		const { event, organizer, dinner, sessions, register } = await setUp();
		const yes = choice(dinner, 'Yes');
		const a = choice(sessions, 'Session A');
		const b = choice(sessions, 'Session B');
		const first = await register([
			[dinner.id, [yes]],
			[sessions.id, [a, b]]
		]);
		await register([[dinner.id, [choice(dinner, 'No')]]]);
		const list = await attendeeList(
			organizer,
			event.id,
			new URLSearchParams({ answer: `${dinner.id}:${yes}` })
		);
		expect(list.rows.map((r) => r.reference)).toEqual([first.reference]);
		expect(list.query.answer).toBe(`${dinner.id}:${yes}`);
		const unknown = await attendeeList(organizer, event.id, new URLSearchParams({ answer: '1:x' }));
		expect(unknown.notes.join(' ')).toMatch(/Unknown answer/);
		expect(unknown.rows).toHaveLength(2);

		// Archived after answers exist: still a column, named so.
		await removeQuestion(organizer, event.id, sessions.id);
		const { data } = await openRegistrationsExport(
			organizer,
			event,
			{ params: new URLSearchParams({ preset: 'answers', sort: 'registered' }), fetchSite: null },
			'csv'
		);
		const lines = (await csvText(data))
			.replace(/^\ufeff/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toContain('Welcome dinner?,Sessions (archived)');
		expect(lines[1]).toContain('Yes,Session A; Session B');
		expect(lines[2]).toMatch(/,No,$/);
	});
});

describe('announcements to those who answered', () => {
	it('reaches only the registrations that gave the answer, never invitees', async () => {
		const { event, organizer, dinner, register } = await setUp();
		const yes = choice(dinner, 'Yes');
		await register([[dinner.id, [yes]]]);
		await register([[dinner.id, [choice(dinner, 'No')]]]);
		await register([]);
		const preview = (answer?: string) =>
			previewAnnouncement(organizer, event, {
				subject: 'Dinner dress code',
				body: 'National dress or business attire.',
				statuses: ['confirmed', 'invited'],
				greeting: 'dear',
				answer
			});
		expect((await preview()).count).toBe(3);
		expect((await preview(`${dinner.id}:${yes}`)).count).toBe(1);
	});
});

describe('the delegate’s own answers', () => {
	it('a question added after registering is asked (not blocking), and answering it clears the notice', async () => {
		const { event, organizer, dinner, register } = await setUp();
		const registration = await register([[dinner.id, [choice(dinner, 'No')]]]);
		expect((await answersOf(registration)).missing).toBe(0);
		const report = await createQuestion(
			organizer,
			event.id,
			input({ label: 'Title of your country report', kind: 'short_text', required: true })
		);
		const before = await answersOf(registration);
		expect(before.missing).toBe(1);
		await saveOwnAnswers(delegateActor(registration.user_id), registration, {
			questions: before.questions,
			answers: new Map<number, AnswerValue>([
				[dinner.id, [choice(dinner, 'No')]],
				[report, 'Ageing in place']
			]),
			files: new Map()
		});
		const after = await answersOf(registration);
		expect(after.missing).toBe(0);
		expect(after.answers.get(report)).toBe('Ageing in place');
		// The person's data download carries the answers in words.
		const data = await exportPersonalData(registration.user_id);
		const own = data!.registrations.find((r) => r.reference === registration.reference)!;
		expect(own.answers).toEqual(
			expect.arrayContaining([
				{ question: 'Welcome dinner?', answer: 'No' },
				{ question: 'Title of your country report', answer: 'Ageing in place' }
			])
		);
		expect(own.badgePhoto).toBeNull();
	});

	it('changing to a full choice is refused beside the question; giving a place back frees it', async () => {
		const { dinner, register } = await setUp();
		const yes = choice(dinner, 'Yes');
		const no = choice(dinner, 'No');
		const holder = await register([[dinner.id, [yes]]]);
		await register([[dinner.id, [yes]]]);
		const late = await register([[dinner.id, [no]]]);
		const save = (r: Registration, id: number) =>
			saveOwnAnswers(delegateActor(r.user_id), r, {
				questions: [dinner],
				answers: new Map([[dinner.id, [id]]]),
				files: new Map()
			});
		const error = await domainError(save(late, yes));
		expect(error.field).toBe(`q_${dinner.id}`);
		await save(holder, no);
		await save(late, yes);
		const row = await db()
			.selectFrom('question_choices')
			.select('taken')
			.where('id', '=', yes)
			.executeTakeFirstOrThrow();
		expect(row.taken).toBe(2);
	});
});
