import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import type { Event } from '../../src/lib/server/db/schema.ts';
import { createQuestion, formQuestions } from '../../src/lib/server/questions/question.service.ts';
import type { QuestionInput } from '../../src/lib/schemas/question-definition.ts';
import * as questionsPage from '../../src/routes/admin/events/[slug]/questions/+page.server.ts';
import * as registerPage from '../../src/routes/events/[slug]/register/+page.server.ts';
import * as detailPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/+page.server.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { delegateValues } from '../helpers/registration-input.ts';
import { testPhoto } from '../helpers/photos.ts';
import * as editPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/edit/+page.server.ts';
import * as newPage from '../../src/routes/admin/events/[slug]/registrations/new/+page.server.ts';
import { docxOf } from '../helpers/zip-files.ts';
import { signedInFocalPoint } from '../helpers/focal-point.ts';
import * as nomineePage from '../../src/routes/delegations/[token]/register/+page.server.ts';
import * as answersPage from '../../src/routes/me/registrations/[reference]/answers/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import {
	accepted,
	asStored,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import {
	ANONYMOUS,
	localsFor,
	randomIp,
	routeEvent,
	type Locals
} from '../helpers/request-event.ts';
import { questionInput } from '../helpers/question-input.ts';
import { staffActor } from '../helpers/event-actors.ts';

// Hostile input on every form of the questions feature: the organizer's question form (add,
// update, remove, restore, move), the answers on the public registration form, and the
// delegate's answers page. Free text is stored as typed or refused beside its field; anything
// else is accepted or refused, never a 500.

let organizer: Locals;
let event: Event;
let delegationId: number;
let text: number;
let dinner: number;
let dinnerYes: number;
let when: number;

function question(overrides: Partial<QuestionInput>): QuestionInput {
	return questionInput({ label: 'A question', kind: 'short_text', ...overrides });
}

beforeAll(async () => {
	const user = await makeStaff();
	organizer = await localsFor(user.id);
	event = await makeEvent({ registration_mode: 'open' });
	await addEventStaff(event.id, user.id, 'organizer');
	delegationId = (await makeDelegation(event.id, 'TH', { name: 'Thailand' })).id;
	const actor = staffActor(user);
	text = await createQuestion(actor, event.id, question({ label: 'Title of your country report' }));
	dinner = await createQuestion(
		actor,
		event.id,
		question({
			label: 'Will you attend the welcome dinner?',
			kind: 'single_choice',
			newChoices: [
				{ label: 'Yes', capacity: 1000 },
				{ label: 'No', capacity: null }
			]
		})
	);
	dinnerYes = (await formQuestions(event.id)).find((q) => q.id === dinner)!.choices[0].id;
	when = await createQuestion(actor, event.id, question({ label: 'Arrival day', kind: 'date' }));
});

function adminAct(action: keyof typeof questionsPage.actions, form: Record<string, string>) {
	return outcome(() =>
		questionsPage.actions[action](
			routeEvent({
				locals: organizer,
				path: `/admin/events/${event.slug}/questions?/${action}`,
				params: { slug: event.slug },
				form
			})
		)
	);
}

describe('the question form', () => {
	it('stores the question, help, section and choices as typed, or refuses them beside the field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('label', 'help', 'section'),
				hostileString(),
				async (field, typed) => {
					const marker = `q-${Math.random().toString(36).slice(2, 10)}`;
					const form = {
						label: marker,
						help: marker,
						section: marker,
						kind: 'short_text',
						[field]: typed
					};
					const result = await adminAct('add', form);
					expectNoCrash(result, { field, typed });
					const other = field === 'label' ? 'help' : 'label';
					const row = await db()
						.selectFrom('questions')
						.selectAll()
						.where('event_id', '=', event.id)
						.where(other, '=', marker)
						.executeTakeFirst();
					if (accepted(result)) expect(row?.[field as 'label']).toBe(asStored(typed));
					else {
						expectClearRefusal(result, { field, typed });
						expect(row).toBeUndefined();
					}
				}
			),
			RUNS
		);
	});

	it('answers any kind, category, condition, choice, id or direction with a refusal or a change', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('add', 'update', 'remove', 'restore', 'move'),
				fc.constantFrom(
					'kind',
					'required',
					'categories',
					'condition',
					'newChoices',
					`choice_${dinnerYes}_label`,
					`choice_${dinnerYes}_capacity`,
					'id',
					'direction'
				),
				hostileString(),
				async (action, field, typed) => {
					const form = {
						id: String(dinner),
						label: 'Will you attend the welcome dinner?',
						kind: 'single_choice',
						direction: 'down',
						newChoices: '',
						[`choice_${dinnerYes}_label`]: 'Yes',
						[`choice_${dinnerYes}_capacity`]: '1000',
						[field]: typed
					};
					const result = await adminAct(action, form);
					expectNoCrash(result, { action, field, typed });
					if (!accepted(result)) expectClearRefusal(result, { action, field, typed });
					// A removed question comes back for the next run.
					await db()
						.updateTable('questions')
						.set({ archived_at: null })
						.where('event_id', '=', event.id)
						.execute();
				}
			),
			RUNS
		);
	});
});

let n = 0;
function registrationForm(): Record<string, string> {
	const address = `hostile-q-${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`;
	return {
		honorific: 'Ms.',
		givenName: 'Thị Minh',
		familyName: 'Nguyễn',
		position: 'Director',
		organisation: 'Ministry of Labour',
		delegationId: String(delegationId),
		category: 'delegate',
		email: address,
		emailConfirmation: address,
		phone: '+66 2 123 4567',
		dietary: 'none',
		consentDataProcessing: 'on',
		submissionKey: `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`
	};
}

describe('answers on the registration form', () => {
	it('stores a text answer as typed or refuses it beside its question, keeping what was typed', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (typed) => {
				const form = { ...registrationForm(), [`q_${text}`]: typed };
				const result = await outcome(() =>
					registerPage.actions.default(
						routeEvent({
							locals: ANONYMOUS,
							path: `/events/${event.slug}/register`,
							params: { slug: event.slug },
							form
						})
					)
				);
				expectNoCrash(result, typed);
				const row = await db()
					.selectFrom('registrations as r')
					.leftJoin('answers as a', (j) =>
						j.onRef('a.registration_id', '=', 'r.id').on('a.question_id', '=', text)
					)
					.select(['r.id', 'a.value'])
					.where('r.event_id', '=', event.id)
					.where('r.email', '=', form.email)
					.executeTakeFirst();
				if (accepted(result)) {
					expect(row).toBeDefined();
					const stored = asStored(typed);
					expect(row!.value ?? '').toBe(stored);
				} else {
					expectClearRefusal(result, typed);
					expect(row).toBeUndefined();
					expect(Object.keys(result.data?.errors ?? {})).toContain(`q_${text}`);
					expect((result.data?.answers as Record<string, string>)[`q_${text}`]).toBe(
						typed.toWellFormed().replace(/\r\n|\r|\n/g, '\r\n')
					);
				}
			}),
			RUNS
		);
	});

	it('accepts or refuses any choice or date, never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(dinner, when), hostileString(), async (id, typed) => {
				const form = { ...registrationForm(), [`q_${id}`]: typed };
				const result = await outcome(() =>
					registerPage.actions.default(
						routeEvent({
							locals: ANONYMOUS,
							path: `/events/${event.slug}/register`,
							params: { slug: event.slug },
							form
						})
					)
				);
				expectNoCrash(result, { id, typed });
				if (!accepted(result)) expectClearRefusal(result, { id, typed });
			}),
			RUNS
		);
	});
});

describe('the delegate’s answers page', () => {
	it('accepts or refuses any answer, never a 500', async () => {
		const form = registrationForm();
		const registered = await outcome(() =>
			registerPage.actions.default(
				routeEvent({
					locals: ANONYMOUS,
					path: `/events/${event.slug}/register`,
					params: { slug: event.slug },
					form
				})
			)
		);
		expect(accepted(registered)).toBe(true);
		const row = await db()
			.selectFrom('registrations')
			.select(['reference', 'user_id'])
			.where('email', '=', form.email)
			.executeTakeFirstOrThrow();
		const delegate = await localsFor(row.user_id, 'email_link');
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(text, dinner, when), hostileString(), async (id, typed) => {
				const result = await outcome(() =>
					answersPage.actions.default(
						routeEvent({
							locals: delegate,
							path: `/me/registrations/${row.reference}/answers`,
							params: { reference: row.reference },
							form: { [`q_${id}`]: typed }
						})
					)
				);
				expectNoCrash(result, { id, typed });
				if (!accepted(result)) expectClearRefusal(result, { id, typed });
			}),
			RUNS
		);
	});
});

describe('rejecting a badge photo', () => {
	it('sends any reason as typed or refuses it beside the field, never a 500', async () => {
		const delegation = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		await fc.assert(
			fc.asyncProperty(hostileString(), async (typed) => {
				const registered = await registerDelegate({
					eventId: event.id,
					values: delegateValues(delegation.id),
					submissionKey: `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`,
					answers: { questions: [], answers: new Map(), files: new Map(), photo: await testPhoto() }
				});
				const row = await db()
					.selectFrom('registrations')
					.select('reference')
					.where('id', '=', registered.registrationId)
					.executeTakeFirstOrThrow();
				const result = await outcome(() =>
					detailPage.actions.rejectPhoto(
						routeEvent({
							locals: organizer,
							path: `/admin/events/${event.slug}/registrations/${row.reference}?/rejectPhoto`,
							params: { slug: event.slug, reference: row.reference },
							form: { photoReason: typed }
						}) as never
					)
				);
				expectNoCrash(result, typed);
				const audit = await db()
					.selectFrom('audit_log')
					.select('diff')
					.where('entity_type', '=', 'registration')
					.where('entity_id', '=', String(registered.registrationId))
					.where('action', '=', 'registration.photo_rejected')
					.executeTakeFirst();
				if (result.kind === 'fail') {
					expectClearRefusal(result, typed);
					expect(audit).toBeUndefined();
					expect((result.data?.values as Record<string, string>).photoReason).toBe(
						typed.toWellFormed().replace(/\r\n|\r|\n/g, '\r\n')
					);
				} else {
					expect((audit?.diff as { reason: string }).reason).toBe(asStored(typed));
				}
			}),
			RUNS
		);
	});
});

describe('answers and photos on the forms that register someone on their behalf', () => {
	let reportFile = 0;
	beforeAll(async () => {
		const user = await db()
			.selectFrom('event_staff')
			.select('user_id')
			.where('event_id', '=', event.id)
			.executeTakeFirstOrThrow();
		reportFile = await createQuestion(
			staffActor({ id: user.user_id }),
			event.id,
			question({ label: 'Upload your country report', kind: 'file' })
		);
	});

	const staffForm = () => {
		const { emailConfirmation: _confirmation, ...form } = registrationForm();
		void _confirmation;
		return form;
	};
	const postNew = (form: Record<string, string | File>) =>
		outcome(() =>
			newPage.actions.default(
				routeEvent({
					locals: organizer,
					path: `/admin/events/${event.slug}/registrations/new`,
					params: { slug: event.slug },
					form
				})
			)
		);

	it('staff: accepts or refuses any answer beside its question, never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(text, dinner, when), hostileString(), async (id, typed) => {
				const result = await postNew({ ...staffForm(), [`q_${id}`]: typed });
				expectNoCrash(result, { id, typed });
				if (!accepted(result)) {
					expectClearRefusal(result, { id, typed });
					expect(Object.keys(result.data?.errors ?? {})).toContain(`q_${id}`);
				}
			}),
			RUNS
		);
	});

	it('refuses any file that is not a real document or photo with a sentence beside its field', async () => {
		const bytes = fc.oneof(
			fc.uint8Array({ minLength: 1, maxLength: 2000 }),
			fc.constant(docxOf([{ name: 'word/bomb.xml', content: Buffer.alloc(4 * 1024 * 1024) }])),
			fc.constant(new TextEncoder().encode('%PDF-1.7 but really a script')),
			fc.constant(new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0]))
		);
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('photo', `q_${reportFile}`), bytes, async (field, raw) => {
				const name = field === 'photo' ? 'IMG_0001.jpg' : 'report.docx';
				const file = new File([Buffer.from(raw)], name);
				await db()
					.updateTable('events')
					.set({ photo_policy: 'optional' })
					.where('id', '=', event.id)
					.execute();
				const result = await postNew({ ...staffForm(), [field]: file });
				expectNoCrash(result, { field, size: raw.length });
				// A real PDF would pass; fuzzed bytes starting %PDF- are told by their header.
				if (accepted(result)) {
					expect(field).toBe(`q_${reportFile}`);
					expect(Buffer.from(raw).subarray(0, 5).toString('latin1')).toBe('%PDF-');
					return;
				}
				expectClearRefusal(result, { field, size: raw.length });
				expect((result.data?.errors as Record<string, string>)[field]).toMatch(
					/file|photo|HEIC|zip bomb/i
				);
			}),
			{ numRuns: Math.min(RUNS.numRuns, 20) }
		);
	});

	it('a focal point registering a nominee: accepts or refuses any answer, never a 500', async () => {
		const { user_id } = await db()
			.selectFrom('event_staff')
			.select('user_id')
			.where('event_id', '=', event.id)
			.executeTakeFirstOrThrow();
		const focal = await signedInFocalPoint(
			staffActor({ id: user_id }),
			event.id,
			delegationId,
			`focal-${event.slug}@example.org`
		);
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(text, dinner, when), hostileString(), async (id, typed) => {
				const result = await outcome(() =>
					nomineePage.actions.default(
						routeEvent({
							locals: focal.locals,
							path: `/delegations/${focal.token}/register`,
							params: { token: focal.token },
							form: { ...staffForm(), [`q_${id}`]: typed },
							ip: randomIp()
						}) as never
					)
				);
				expectNoCrash(result, { id, typed });
				if (!accepted(result)) expectClearRefusal(result, { id, typed });
			}),
			RUNS
		);
	});

	it('staff correcting a registration: accepts or refuses any answer, never a 500', async () => {
		const form = staffForm();
		const created = await postNew(form);
		expect(accepted(created)).toBe(true);
		const reference = created.location!.split('/').at(-1)!.replace('?entered=1', '');
		const request = (body?: Record<string, string>) =>
			routeEvent({
				locals: organizer,
				path: `/admin/events/${event.slug}/registrations/${reference}/edit`,
				params: { slug: event.slug, reference },
				form: body
			});
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(text, dinner, when), hostileString(), async (id, typed) => {
				const load = await outcome(() => editPage.load(request() as never));
				const data = load.data as { values: Record<string, string>; version: number };
				const body = { ...data.values, version: String(data.version), [`q_${id}`]: typed };
				const result = await outcome(() => editPage.actions.default(request(body) as never));
				expectNoCrash(result, { id, typed });
				if (!accepted(result)) expectClearRefusal(result, { id, typed });
			}),
			RUNS
		);
	});
});
