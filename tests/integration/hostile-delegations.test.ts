import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import * as boardPage from '../../src/routes/admin/events/[slug]/delegations/+page.server.ts';
import * as detailPage from '../../src/routes/admin/events/[slug]/delegations/[code]/+page.server.ts';
import * as delegationPage from '../../src/routes/delegations/[token]/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { signedInFocalPoint } from '../helpers/focal-point.ts';
import {
	accepted,
	asStored,
	expectClearRefusal,
	expectNoCrash,
	failureMessage,
	hostileString,
	outcome,
	REGISTRATION_NAMES,
	RUNS
} from '../helpers/hostile.ts';
import { type Locals, localsFor, randomIp, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Hostile input on every form of delegations run by focal points: the focal point's (nominate,
// substitute, head, withdraw, letter, open, new link) and the organizer's (focal points, places
// per category, deadline, call, letter decisions). Never a 500; stored as typed or refused clearly.

let slug = '';
let token = '';
let focal: Locals;
let organizer: Locals;
let delegationId = 0;

beforeAll(async () => {
	const staff = await makeStaff();
	const event = await makeEvent({ registration_mode: 'open' });
	slug = event.slug;
	await addEventStaff(event.id, staff.id, 'organizer');
	const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
	delegationId = kh.id;
	({ token, locals: focal } = await signedInFocalPoint(
		staffActor(staff),
		event.id,
		kh.id,
		`kh-${event.slug}@example.org`
	));
	organizer = await localsFor(staff.id);
});

function asFocalPoint(
	action: keyof typeof delegationPage.actions,
	form: Record<string, string | string[]>,
	tokenParam = token
) {
	return outcome(() =>
		delegationPage.actions[action](
			routeEvent({
				locals: focal,
				path: `/delegations/${tokenParam}?/${action}`,
				params: { token: tokenParam },
				form,
				ip: randomIp()
			}) as never
		)
	);
}

function asOrganizer(
	handler: (e: never) => unknown,
	path: string,
	form: Record<string, string | string[]>,
	params: Record<string, string> = {}
) {
	return outcome(() =>
		handler(
			routeEvent({
				locals: organizer,
				path: `/admin/events/${slug}${path}`,
				params: { slug, ...params },
				form
			}) as never
		)
	);
}

const PERSON = [
	'honorific',
	'givenName',
	'familyName',
	'email',
	'organisation',
	'position'
] as const;

describe("the focal point's forms", () => {
	it('nominate: stores the names as typed, or refuses clearly', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...PERSON),
				hostileString(),
				fc.oneof(hostileString(), fc.constantFrom('delegate', 'observer')),
				async (field, value, category) => {
					const form: Record<string, string> = {
						familyName: 'Sok',
						email: `n-${Math.random().toString(36).slice(2)}@example.org`,
						category,
						[field]: value
					};
					const result = await asFocalPoint('nominate', form);
					expectNoCrash(result, form);
					if (!accepted(result)) {
						expectClearRefusal(result, form);
						return;
					}
					if (field === 'email') return;
					const stored = await db()
						.selectFrom('invitations')
						.select(['honorific', 'given_name', 'family_name', 'organisation', 'position'])
						.where('email', '=', form.email)
						.executeTakeFirstOrThrow();
					const column = {
						honorific: stored.honorific,
						givenName: stored.given_name,
						familyName: stored.family_name,
						organisation: stored.organisation,
						position: stored.position
					}[field];
					expect(column ?? '').toBe(asStored(value, REGISTRATION_NAMES[field]));
				}
			),
			RUNS
		);
	});

	it('substitute, head, withdraw and visa letter: any id and any field, never a 500', async () => {
		const { registrationId } = await registerDelegate({
			eventId: (
				await db()
					.selectFrom('events')
					.select('id')
					.where('slug', '=', slug)
					.executeTakeFirstOrThrow()
			).id,
			values: delegateValues(delegationId),
			submissionKey: submissionKey()
		});
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					hostileString(),
					fc.constant(String(registrationId)),
					fc.constant('99999999999999999999')
				),
				fc.constantFrom(...PERSON, 'note', 'reason', 'decision'),
				hostileString(),
				fc.constantFrom('substitute', 'head', 'withdraw', 'endorse', 'visaLetter'),
				async (id, field, value, action) => {
					const form = {
						id,
						familyName: 'Chan',
						email: `s-${Math.random().toString(36).slice(2)}@example.org`,
						[field]: value
					};
					const result = await asFocalPoint(action as 'substitute', form);
					expectNoCrash(result, { action, form });
					if (!accepted(result)) expectClearRefusal(result, form);
				}
			),
			RUNS
		);
	});

	it('letter: any bytes and any name, stored only when they are a PDF, JPEG or PNG', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.uint8Array({ maxLength: 200 }),
					fc.constant(new TextEncoder().encode('%PDF-1.7\n')),
					fc.constant(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
				),
				hostileString(),
				async (bytes, name) => {
					const before = await countLetters();
					const result = await outcome(() => {
						const body = new FormData();
						body.append('letter', new File([bytes], name.toWellFormed() || 'x'));
						const request = new Request(`http://127.0.0.1/delegations/${token}?/letter`, {
							method: 'POST',
							body
						});
						const event = routeEvent({
							locals: focal,
							path: `/delegations/${token}?/letter`,
							params: { token }
						}) as unknown as Record<string, unknown>;
						return delegationPage.actions.letter({ ...event, request } as never);
					});
					expectNoCrash(result, { name });
					const stored = (await countLetters()) - before;
					if (accepted(result)) expect(stored).toBe(1);
					else {
						expectClearRefusal(result, { name });
						expect(stored).toBe(0);
					}
				}
			),
			RUNS
		);
	});

	it('open and new link: any other token signs no one in and mails no one', async () => {
		const mailsBefore = await countMails();
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				fc.constantFrom('open', 'resend'),
				async (value, action) => {
					fc.pre(value !== token);
					const result = await asFocalPoint(action as 'open', {}, value);
					expectNoCrash(result, { value, action });
					if (action === 'open') {
						// Refused with words, never the redirect that follows a sign-in.
						expect(result.kind).toBe('fail');
						expect(result.status).toBeGreaterThanOrEqual(400);
						expect(result.status).toBeLessThan(500);
						expect(failureMessage(result)).toBeTruthy();
					} else if (result.kind === 'data') {
						// The same answer whether or not the link exists.
						expect(failureMessage(result)).toBe(
							'If this link belongs to a focal point, a new link is on its way to their e-mail address.'
						);
					} else {
						expect(result.status).toBe(429);
					}
				}
			),
			RUNS
		);
		expect(await countMails()).toBe(mailsBefore);
	});
});

async function countMails() {
	const row = await db()
		.selectFrom('emails')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function countLetters() {
	const row = await db()
		.selectFrom('delegation_letters')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('delegation_id', '=', delegationId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe("the organizer's forms", () => {
	it('settings: the endorsement box turns the focal point endorsement on and off', async () => {
		const endorsement = async () =>
			(
				await db()
					.selectFrom('events')
					.select('endorsement_required')
					.where('slug', '=', slug)
					.executeTakeFirstOrThrow()
			).endorsement_required;
		const on = await asOrganizer(boardPage.actions.settings, '/delegations?/settings', {
			deadline: '',
			reminderDays: '',
			endorsement: 'on'
		});
		expect(accepted(on)).toBe(true);
		expect(await endorsement()).toBe(true);
		const off = await asOrganizer(boardPage.actions.settings, '/delegations?/settings', {
			deadline: '',
			reminderDays: ''
		});
		expect(accepted(off)).toBe(true);
		expect(await endorsement()).toBe(false);
	});

	it('add a focal point: stores the name as typed, or refuses clearly', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('name', 'email', 'organisation', 'phone'),
				hostileString(),
				async (field, value) => {
					const form = {
						name: 'Desk',
						email: `fp-${Math.random().toString(36).slice(2)}@example.org`,
						[field]: value
					};
					const result = await asOrganizer(
						detailPage.actions.addFocalPoint,
						'/delegations/KH?/addFocalPoint',
						form,
						{ code: 'KH' }
					);
					expectNoCrash(result, form);
					if (!accepted(result)) expectClearRefusal(result, form);
					else if (field === 'name') {
						const row = await db()
							.selectFrom('focal_points')
							.select('name')
							.where('email', '=', form.email)
							.executeTakeFirstOrThrow();
						expect(row.name).toBe(asStored(value, REGISTRATION_NAMES.familyName));
					}
				}
			),
			RUNS
		);
	});

	it('places per category, deadline, call and letter decisions: never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('quotas', 'settings', 'call', 'letter', 'removeFocalPoint', 'substitution'),
				fc.constantFrom(
					'delegate',
					'observer',
					'deadline',
					'reminderDays',
					'message',
					'reason',
					'decision',
					'letterId',
					'id',
					'focalPoints'
				),
				hostileString(),
				async (action, field, value) => {
					const form = { [field]: value };
					const result =
						action === 'settings' || action === 'call'
							? await asOrganizer(boardPage.actions[action], `/delegations?/${action}`, form)
							: await asOrganizer(
									detailPage.actions[action as 'quotas'],
									`/delegations/KH?/${action}`,
									form,
									{ code: 'KH' }
								);
					expectNoCrash(result, { action, form });
					if (!accepted(result)) expectClearRefusal(result, { action, form });
				}
			),
			RUNS
		);
	});
});

describe('focal points from a CSV file', () => {
	it('previews and imports any text without a 500; a refusal says what is wrong', async () => {
		const importPage =
			await import('../../src/routes/admin/events/[slug]/delegations/import/+page.server.ts');
		await fc.assert(
			fc.asyncProperty(
				fc.array(hostileString(), { minLength: 1, maxLength: 4 }),
				fc.constantFrom('preview', 'confirm'),
				async (cells, action) => {
					const csv = `delegation,name,email\nKH,${cells.join(',')}\n${cells.join(';')}`;
					const result = await asOrganizer(
						importPage.actions[action as 'preview'],
						`/delegations/import?/${action}`,
						{ csv }
					);
					expectNoCrash(result, { cells, action });
					if (!accepted(result)) expectClearRefusal(result, { cells, action });
				}
			),
			RUNS
		);
	});
});
