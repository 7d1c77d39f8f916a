import { beforeAll, describe, expect, it } from 'vitest';
import { questionField } from '../../src/lib/domain/question.ts';
import { answerSchemas, parseAnswers } from '../../src/lib/schemas/questions.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	createQuestion,
	formQuestionSet,
	moveQuestion,
	updateQuestion
} from '../../src/lib/server/questions/question.service.ts';
import { findRegistrationByReference } from '../../src/lib/server/registrations/registration.service.ts';
import * as editPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/edit/+page.server.ts';
import * as newPage from '../../src/routes/admin/events/[slug]/registrations/new/+page.server.ts';
import * as nomineePage from '../../src/routes/delegations/[token]/register/+page.server.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { makeDelegation } from '../helpers/factories.ts';
import { questionInput } from '../helpers/question-input.ts';
import { signedInFocalPoint } from '../helpers/focal-point.ts';
import { outcome } from '../helpers/hostile.ts';
import { imageBytes } from '../helpers/photos.ts';
import { randomIp, routeEvent } from '../helpers/request-event.ts';
import { submissionKey } from '../helpers/registration-input.ts';

// The event's questions on the forms where someone registers a person on their behalf — staff
// ("register on behalf", the correction form) and a focal point (a nominee) — with the person's
// own validation and hidden-question rule; and the answers schema kept per questions version.

const input = questionInput;

type Setup = Awaited<ReturnType<typeof setUp>>;

async function setUp() {
	const people = await eventWithPeople({ registration_mode: 'invitation' });
	const { event, organizer } = people;
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand', quota: 10 });
	const presenting = await createQuestion(
		organizer,
		event.id,
		input({ label: 'Will you present your country report?', kind: 'yes_no', required: true })
	);
	const title = await createQuestion(
		organizer,
		event.id,
		input({
			label: 'Title of your country report',
			kind: 'short_text',
			required: true,
			condition: { questionId: presenting, value: 'yes' }
		})
	);
	const heads = await createQuestion(
		organizer,
		event.id,
		input({
			label: 'Will you speak at the opening?',
			kind: 'yes_no',
			required: true,
			categories: ['head_of_delegation']
		})
	);
	const dinner = await createQuestion(
		organizer,
		event.id,
		input({
			label: 'Welcome dinner',
			kind: 'single_choice',
			newChoices: [{ label: 'Yes, I will attend', capacity: 1 }]
		})
	);
	const { questions } = await formQuestionSet(event.id);
	const dinnerYes = questions.find((q) => q.id === dinner)!.choices[0].id;
	return { ...people, th, presenting, title, heads, dinner, dinnerYes };
}

function personForm(s: Setup, email: string, extra: Record<string, string | File> = {}) {
	return {
		submissionKey: submissionKey(),
		honorific: 'Ms.',
		givenName: 'Siriporn',
		familyName: 'Chaiyasit',
		position: 'Director',
		organisation: 'Ministry of Social Development',
		delegationId: String(s.th.id),
		category: 'delegate',
		email,
		phone: '+66 2 659 6000',
		dietary: 'none',
		consentDataProcessing: 'on',
		...extra
	};
}

async function storedAnswers(reference: string) {
	const found = (await findRegistrationByReference(reference))!;
	const rows = await db()
		.selectFrom('answers')
		.select(['question_id', 'value'])
		.where('registration_id', '=', found.registration.id)
		.execute();
	return new Map(rows.map((r) => [r.question_id, r.value]));
}

function postNew(s: Setup, form: Record<string, string | File>) {
	return outcome(() =>
		newPage.actions.default(
			routeEvent({
				locals: s.secretariat.locals,
				path: `/admin/events/${s.event.slug}/registrations/new`,
				params: { slug: s.event.slug },
				form
			})
		)
	);
}

const referenceOf = (location: string | undefined) => location!.split('/').pop()!.split('?')[0];

describe('the answers schema is built once per questions version', () => {
	it('keeps one schema for a version, builds a new one after an edit, which applies at once', async () => {
		const s = await setUp();
		const first = await formQuestionSet(s.event.id);
		const again = await formQuestionSet(s.event.id);
		expect(again.schemaKey).toBe(first.schemaKey);
		const schemas = answerSchemas(first.questions, first.schemaKey);
		expect(answerSchemas(again.questions, again.schemaKey)).toBe(schemas);

		// The dinner becomes required: a new version, a new schema, and it is enforced.
		await updateQuestion(
			s.organizer,
			s.event.id,
			s.dinner,
			input({
				label: 'Welcome dinner',
				kind: 'single_choice',
				required: true,
				choices: [{ id: s.dinnerYes, label: 'Yes, I will attend', capacity: 1, remove: false }]
			})
		);
		const edited = await formQuestionSet(s.event.id);
		expect(edited.schemaKey).not.toBe(first.schemaKey);
		const rebuilt = answerSchemas(edited.questions, edited.schemaKey);
		expect(rebuilt).not.toBe(schemas);
		expect(answerSchemas(edited.questions, edited.schemaKey)).toBe(rebuilt);
		const raw = { [questionField(s.presenting)]: 'no' };
		expect(
			parseAnswers(first.questions, raw, 'delegate', new Set(), first.schemaKey)
		).toMatchObject({ success: true });
		expect(
			parseAnswers(edited.questions, raw, 'delegate', new Set(), edited.schemaKey)
		).toMatchObject({
			success: false,
			errors: { [questionField(s.dinner)]: 'Please answer this question' }
		});

		// Any change to the questions counts: a move too.
		await moveQuestion(s.organizer, s.event.id, s.dinner, 'up');
		expect((await formQuestionSet(s.event.id)).schemaKey).not.toBe(edited.schemaKey);
	});
});

describe('staff register a person on their behalf with the event questions', () => {
	let s: Setup;
	beforeAll(async () => {
		s = await setUp();
	});

	it('refuses a wrong answer beside its question, keeping everything typed', async () => {
		const result = await postNew(
			s,
			personForm(s, `refused-${s.event.id}@example.org`, {
				[questionField(s.presenting)]: 'perhaps',
				[questionField(s.dinner)]: String(s.dinnerYes)
			})
		);
		expect(result.status).toBe(400);
		const data = result.data as {
			errors: Record<string, string>;
			values: Record<string, string>;
			answers: Record<string, string>;
		};
		expect(data.errors).toEqual({ [questionField(s.presenting)]: 'Answer yes or no' });
		expect(data.values.familyName).toBe('Chaiyasit');
		expect(data.answers[questionField(s.presenting)]).toBe('perhaps');
		expect(data.answers[questionField(s.dinner)]).toBe(String(s.dinnerYes));
	});

	it('registers the person without the answers the delegation did not send; the form says they are optional here', async () => {
		const load = await outcome(() =>
			newPage.load(
				routeEvent({
					locals: s.secretariat.locals,
					path: `/admin/events/${s.event.slug}/registrations/new`,
					params: { slug: s.event.slug }
				}) as never
			)
		);
		const asked = (load.data as { questions: Array<{ id: number; required: boolean }> }).questions;
		expect(asked.find((q) => q.id === s.presenting)?.required).toBe(false);
		const result = await postNew(s, personForm(s, `unanswered-${s.event.id}@example.org`));
		expect(result.kind, JSON.stringify(result.data)).toBe('redirect');
		expect((await storedAnswers(referenceOf(result.location))).size).toBe(0);
		// The person's own form still requires the answer.
		const { questions } = await formQuestionSet(s.event.id);
		expect(parseAnswers(questions, {}, 'delegate')).toMatchObject({
			success: false,
			errors: { [questionField(s.presenting)]: 'Please answer this question' }
		});
	});

	it('saves the answers asked and ignores those to hidden questions', async () => {
		const result = await postNew(
			s,
			personForm(s, `entered-${s.event.id}@example.org`, {
				[questionField(s.presenting)]: 'no',
				// Hidden: the condition is not met, and the category is not asked.
				[questionField(s.title)]: 'Not asked',
				[questionField(s.heads)]: 'yes',
				[questionField(s.dinner)]: String(s.dinnerYes)
			})
		);
		expect(result.kind, JSON.stringify(result.data)).toBe('redirect');
		const answers = await storedAnswers(referenceOf(result.location));
		expect(Object.fromEntries(answers)).toEqual({
			[s.presenting]: 'no',
			[s.dinner]: [s.dinnerYes]
		});
	});

	it('refuses a full choice beside its question (the dinner had one place)', async () => {
		const result = await postNew(
			s,
			personForm(s, `late-${s.event.id}@example.org`, {
				[questionField(s.presenting)]: 'no',
				[questionField(s.dinner)]: String(s.dinnerYes)
			})
		);
		expect(result.status).toBe(409);
		const errors = (result.data as { errors: Record<string, string> }).errors;
		expect(errors[questionField(s.dinner)]).toMatch(/is full/);
	});

	it('stores a photo the staff add, cropped to the badge frame', async () => {
		await db()
			.updateTable('events')
			.set({ photo_policy: 'required' })
			.where('id', '=', s.event.id)
			.execute();
		const email = `photo-${s.event.id}@example.org`;
		// Required of the person, not of staff: the person adds it on their page.
		const missing = await postNew(
			s,
			personForm(s, `no-photo-${s.event.id}@example.org`, { [questionField(s.presenting)]: 'no' })
		);
		expect(missing.kind, JSON.stringify(missing.data)).toBe('redirect');
		const broken = new File([Buffer.from('not an image')], 'face.jpg', { type: 'image/jpeg' });
		const refused = await postNew(
			s,
			personForm(s, email, { [questionField(s.presenting)]: 'no', photo: broken })
		);
		expect((refused.data as { errors: Record<string, string> }).errors.photo).toBeTruthy();
		const webp = new File([Buffer.from(await imageBytes(800, 600, 'webp'))], 'face.webp', {
			type: 'image/webp'
		});
		const result = await postNew(
			s,
			personForm(s, email, { [questionField(s.presenting)]: 'no', photo: webp })
		);
		expect(result.kind, JSON.stringify(result.data)).toBe('redirect');
		const found = (await findRegistrationByReference(referenceOf(result.location)))!;
		const photo = await db()
			.selectFrom('badge_photos')
			.innerJoin('files', 'files.id', 'badge_photos.file_id')
			.select(['files.content_type', 'badge_photos.uploaded_by'])
			.where('registration_id', '=', found.registration.id)
			.executeTakeFirstOrThrow();
		expect(photo).toEqual({ content_type: 'image/jpeg', uploaded_by: s.secretariat.id });
		await db()
			.updateTable('events')
			.set({ photo_policy: 'off' })
			.where('id', '=', s.event.id)
			.execute();
	});

	it('corrects the answers on the staff edit form: a new category asks its own questions', async () => {
		const created = await postNew(
			s,
			personForm(s, `edit-${s.event.id}@example.org`, { [questionField(s.presenting)]: 'no' })
		);
		const reference = referenceOf(created.location);
		const request = (form?: Record<string, string>) =>
			routeEvent({
				locals: s.secretariat.locals,
				path: `/admin/events/${s.event.slug}/registrations/${reference}/edit`,
				params: { slug: s.event.slug, reference },
				form
			});
		const load = await outcome(() => editPage.load(request() as never));
		const data = load.data as {
			values: Record<string, string>;
			version: number;
			answers: Record<string, string>;
		};
		expect(data.answers[questionField(s.presenting)]).toBe('no');
		const form = { ...data.values, version: String(data.version), category: 'head_of_delegation' };
		// Now a head of delegation: the opening question is asked (a wrong answer is refused).
		const refused = await outcome(() =>
			editPage.actions.default(
				request({
					...form,
					[questionField(s.presenting)]: 'yes',
					[questionField(s.title)]: 'Caring societies',
					[questionField(s.heads)]: 'later'
				}) as never
			)
		);
		expect(refused.status).toBe(400);
		expect((refused.data as { errors: Record<string, string> }).errors).toEqual({
			[questionField(s.heads)]: 'Answer yes or no'
		});
		const saved = await outcome(() =>
			editPage.actions.default(
				request({
					...form,
					[questionField(s.presenting)]: 'yes',
					[questionField(s.title)]: 'Caring societies',
					[questionField(s.heads)]: 'yes'
				}) as never
			)
		);
		expect(saved.kind, JSON.stringify(saved.data)).toBe('redirect');
		expect(Object.fromEntries(await storedAnswers(reference))).toEqual({
			[s.presenting]: 'yes',
			[s.title]: 'Caring societies',
			[s.heads]: 'yes'
		});
		const audit = await db()
			.selectFrom('audit_log')
			.select(['actor_user_id', 'diff'])
			.where('action', '=', 'registration.answers')
			.where(
				'entity_id',
				'=',
				String((await findRegistrationByReference(reference))!.registration.id)
			)
			.executeTakeFirstOrThrow();
		expect(audit.actor_user_id).toBe(s.secretariat.id);
	});
});

describe('staff replace a badge photo on the correction form', () => {
	it('stores the new photo and tells the person by e-mail', async () => {
		const s = await setUp();
		await db()
			.updateTable('events')
			.set({ photo_policy: 'optional' })
			.where('id', '=', s.event.id)
			.execute();
		const created = await postNew(
			s,
			personForm(s, `replace-${s.event.id}@example.org`, { [questionField(s.presenting)]: 'no' })
		);
		const reference = referenceOf(created.location);
		const request = (form?: Record<string, string | File>) =>
			routeEvent({
				locals: s.organizer.locals,
				path: `/admin/events/${s.event.slug}/registrations/${reference}/edit`,
				params: { slug: s.event.slug, reference },
				form
			});
		const load = await outcome(() => editPage.load(request() as never));
		const data = load.data as {
			values: Record<string, string>;
			version: number;
			answers: Record<string, string>;
			photo: { onFile: boolean };
		};
		expect(data.photo.onFile).toBe(false);
		const photo = new File([Buffer.from(await imageBytes(600, 800, 'png'))], 'scan.png');
		const saved = await outcome(() =>
			editPage.actions.default(
				request({
					...data.values,
					...data.answers,
					version: String(data.version),
					photo,
					photoReason: '  The photo was\nnot recent  '
				}) as never
			)
		);
		expect(saved.kind, JSON.stringify(saved.data)).toBe('redirect');
		const found = (await findRegistrationByReference(reference))!;
		const mail = await db()
			.selectFrom('emails')
			.select(['recipient', 'text_body'])
			.where('registration_id', '=', found.registration.id)
			.where('template', '=', 'registration-corrected')
			.executeTakeFirstOrThrow();
		expect(mail.recipient).toBe(`replace-${s.event.id}@example.org`);
		expect(mail.text_body).toContain(
			'Photo on your badge: replaced by the event’s staff (The photo was not recent)'
		);
		const stored = await db()
			.selectFrom('badge_photos')
			.select('uploaded_by')
			.where('registration_id', '=', found.registration.id)
			.executeTakeFirstOrThrow();
		expect(stored.uploaded_by).toBe(s.organizer.id);
	});
});

describe('a focal point registers a nominee with the event questions', () => {
	it('applies the same rules: required answers refused beside the question, hidden ones ignored', async () => {
		const s = await setUp();
		const { token, locals } = await signedInFocalPoint(
			s.organizer,
			s.event.id,
			s.th.id,
			`th-${s.event.slug}@example.org`
		);
		const post = (form: Record<string, string>) =>
			outcome(() =>
				nomineePage.actions.default(
					routeEvent({
						locals,
						path: `/delegations/${token}/register`,
						params: { token },
						form,
						ip: randomIp()
					}) as never
				)
			);
		const load = await outcome(() =>
			nomineePage.load(
				routeEvent({ locals, path: `/delegations/${token}/register`, params: { token } }) as never
			)
		);
		expect((load.data as { questions: unknown[] }).questions).toHaveLength(4);

		const refused = await post(personForm(s, `nominee-${s.event.id}@example.org`));
		expect(refused.status).toBe(400);
		expect((refused.data as { errors: Record<string, string> }).errors).toEqual({
			[questionField(s.presenting)]: 'Please answer this question'
		});
		const done = await post(
			personForm(s, `nominee-${s.event.id}@example.org`, {
				[questionField(s.presenting)]: 'no',
				[questionField(s.title)]: 'Hidden, ignored'
			})
		);
		expect(done.kind, JSON.stringify(done.data)).toBe('redirect');
		const reference = new URL(done.location!, 'http://x').searchParams.get('registered')!;
		expect(Object.fromEntries(await storedAnswers(reference))).toEqual({ [s.presenting]: 'no' });
	});
});
