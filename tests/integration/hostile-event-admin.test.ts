import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OWN_SCRIPT } from '../../src/lib/schemas/fields.ts';
import { db } from '../../src/lib/server/db/database.ts';
import type { Event } from '../../src/lib/server/db/schema.ts';
import { eventFormValues, newEventFormValues } from '../../src/lib/server/events/event-form.ts';
import * as newEventPage from '../../src/routes/admin/events/new/+page.server.ts';
import * as editPage from '../../src/routes/admin/events/[slug]/edit/+page.server.ts';
import * as delegationsPage from '../../src/routes/admin/events/[slug]/edit/delegations/+page.server.ts';
import * as programmePage from '../../src/routes/admin/events/[slug]/edit/programme/+page.server.ts';
import * as staffPage from '../../src/routes/admin/events/[slug]/edit/staff/+page.server.ts';
import * as languagesPage from '../../src/routes/admin/events/[slug]/edit/languages/+page.server.ts';
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
import { type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';

// Hostile input on the organizer's event forms: new event, event details, delegations,
// programme and event staff. Free text is stored exactly as typed (trimmed, NFC, LF line
// breaks) or refused with a sentence; anything else is accepted or refused, never a 500.

let organizer: Locals;
let organizerId: number;
let event: Event;

beforeAll(async () => {
	const user = await makeStaff({ createsEvents: true });
	organizerId = user.id;
	organizer = await localsFor(user.id);
	event = await makeEvent();
	await addEventStaff(event.id, user.id, 'organizer');
});

async function fresh(id: number): Promise<Event> {
	return db().selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function act<A extends Record<string, (e: never) => unknown>>(
	actions: A,
	name: keyof A,
	slug: string,
	path: string,
	form: Record<string, string>
) {
	return outcome(() =>
		actions[name](
			routeEvent({
				locals: organizer,
				path: `/admin/events/${slug}${path}`,
				params: { slug },
				form
			})
		)
	);
}

/** Event text fields, their columns, and what an empty value becomes. */
const EVENT_TEXT: Record<string, { column: keyof Event; empty: string | null | 'required' }> = {
	title: { column: 'title', empty: 'required' },
	series: { column: 'series', empty: null },
	venue: { column: 'venue', empty: '' },
	city: { column: 'city', empty: '' },
	descriptionMd: { column: 'description_md', empty: '' },
	privacyNotice: { column: 'privacy_notice', empty: '' }
};
const EVENT_FIELDS = [
	'edition',
	'kind',
	'code',
	'slug',
	'startsOn',
	'endsOn',
	'country',
	'timeZone',
	'contactEmail',
	'visibility',
	'registrationMode',
	'registrationOpensAt',
	'registrationClosesAt',
	'retentionDays',
	'invitationsBypassWindow',
	'capacity',
	'collectVisaSupport',
	'hostPlacement',
	'organisationsPlacement',
	'version'
];

function expectEventText(row: Event, field: string, typed: string) {
	const { column, empty } = EVENT_TEXT[field];
	const stored = asStored(typed);
	expect(row[column], `${field} for ${JSON.stringify(typed)}`).toBe(
		stored === '' && empty !== 'required' ? empty : stored
	);
}

describe('new event', () => {
	it('stores text exactly as typed or refuses it; any other field is accepted or refused', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...Object.keys(EVENT_TEXT), ...EVENT_FIELDS),
				hostileString(),
				async (field, typed) => {
					n++;
					const form = {
						...newEventFormValues('secretariat@example.org'),
						title: 'Hostile input workshop',
						code: `HI${n}${Math.random().toString(36).slice(2, 6)}`.toUpperCase().slice(0, 12),
						slug: `hostile-${n}-${Math.random().toString(36).slice(2, 8)}`,
						startsOn: '2027-05-10',
						endsOn: '2027-05-12',
						[field]: typed
					};
					const result = await outcome(() =>
						newEventPage.actions.default(
							routeEvent({ locals: organizer, path: '/admin/events/new', form })
						)
					);
					expectNoCrash(result, { field, typed });
					if (!accepted(result)) return expectClearRefusal(result, { field, typed });
					const slug = /\/admin\/events\/([^/]+)\/edit/.exec(result.location!)![1];
					const row = await db()
						.selectFrom('events')
						.selectAll()
						.where('slug', '=', slug)
						.executeTakeFirstOrThrow();
					if (field in EVENT_TEXT) expectEventText(row, field, typed);
					// Whoever creates an event organizes it.
					const role = await db()
						.selectFrom('event_staff')
						.select('role')
						.where('event_id', '=', row.id)
						.where('user_id', '=', organizerId)
						.executeTakeFirst();
					expect(role?.role).toBe('organizer');
				}
			),
			RUNS
		);
	});
});

describe('event details', () => {
	it('saves text exactly as typed or refuses it and keeps the saved event', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...Object.keys(EVENT_TEXT), ...EVENT_FIELDS),
				hostileString(),
				async (field, typed) => {
					const before = await fresh(event.id);
					const form = { ...eventFormValues(before), [field]: typed };
					const result = await act(editPage.actions, 'save', before.slug, '/edit', form);
					expectNoCrash(result, { field, typed });
					const after = await fresh(event.id);
					if (accepted(result)) {
						if (field in EVENT_TEXT) expectEventText(after, field, typed);
					} else {
						expectClearRefusal(result, { field, typed });
						expect(after.version).toBe(before.version);
					}
				}
			),
			RUNS
		);
	});
});

describe('delegations', () => {
	it('stores an organisation’s name exactly as typed, or refuses it', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(hostileString(), async (name) => {
				const code = `O${++n}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
				const result = await act(
					delegationsPage.actions,
					'addOrganisation',
					event.slug,
					'/edit/delegations',
					{ name, code, quota: '' }
				);
				expectNoCrash(result, { name });
				const row = await db()
					.selectFrom('delegations')
					.select('name')
					.where('event_id', '=', event.id)
					.where('code', '=', code)
					.executeTakeFirst();
				if (accepted(result)) expect(row?.name).toBe(asStored(name, OWN_SCRIPT));
				else {
					expectClearRefusal(result, { name });
					expect(row).toBeUndefined();
				}
			}),
			RUNS
		);
	});

	it('answers any code, country, quota, id or direction with a refusal or a change', async () => {
		const delegation = await makeDelegation(event.id, 'XX', { name: 'Target' });
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('aseanJapan', 'addCountry', 'addOrganisation', 'quota', 'remove', 'move'),
				fc.constantFrom('code', 'country', 'quota', 'id', 'direction'),
				hostileString(),
				async (action, field, typed) => {
					const form: Record<string, string> = {
						name: 'World Health Organization',
						code: 'WHO',
						country: 'TH',
						quota: '3',
						id: String(delegation.id),
						direction: 'up',
						[field]: typed
					};
					const result = await act(
						delegationsPage.actions,
						action as 'quota',
						event.slug,
						'/edit/delegations',
						form
					);
					expectNoCrash(result, { action, field, typed });
					if (!accepted(result)) expectClearRefusal(result, { action, field, typed });
				}
			),
			RUNS
		);
	});
});

describe('programme', () => {
	it('stores titles, places and descriptions exactly as typed, or refuses them', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('title', 'location', 'description'),
				hostileString(),
				async (field, typed) => {
					const marker = `item-${Math.random().toString(36).slice(2, 10)}`;
					const form = {
						day: '2027-02-17',
						startTime: '09:00',
						endTime: '10:30',
						title: marker,
						location: marker,
						description: marker,
						[field]: typed
					};
					const result = await act(
						programmePage.actions,
						'add',
						event.slug,
						'/edit/programme',
						form
					);
					expectNoCrash(result, { field, typed });
					const column = field as 'title' | 'location' | 'description';
					const other = column === 'title' ? 'location' : 'title';
					const row = await db()
						.selectFrom('programme_items')
						.selectAll()
						.where('event_id', '=', event.id)
						.where(other, '=', marker)
						.executeTakeFirst();
					if (accepted(result)) expect(row?.[column]).toBe(asStored(typed));
					else {
						expectClearRefusal(result, { field, typed });
						expect(row).toBeUndefined();
					}
				}
			),
			RUNS
		);
	});

	it('answers any day, time or id on add, update and remove with a refusal or a change', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('add', 'update', 'remove'),
				fc.constantFrom('day', 'startTime', 'endTime', 'id'),
				hostileString(),
				async (action, field, typed) => {
					const form = {
						id: '1',
						day: '2027-02-17',
						startTime: '09:00',
						endTime: '10:30',
						title: 'Opening',
						[field]: typed
					};
					const result = await act(
						programmePage.actions,
						action as 'add',
						event.slug,
						'/edit/programme',
						form
					);
					expectNoCrash(result, { action, field, typed });
					if (!accepted(result)) expectClearRefusal(result, { action, field, typed });
				}
			),
			RUNS
		);
	});
});

describe('texts in other languages', () => {
	it('stores any text as typed or refuses it with a sentence, and any official language or item id calmly', async () => {
		const [item] = await db()
			.insertInto('programme_items')
			.values({
				event_id: event.id,
				starts_at: new Date('2027-02-17T00:00:00Z'),
				ends_at: new Date('2027-02-17T01:30:00Z'),
				title: 'Opening'
			})
			.returning('id')
			.execute();
		const at = new Date();
		const question = await db()
			.insertInto('questions')
			.values({
				event_id: event.id,
				kind: 'single_choice',
				label: 'Dinner?',
				help: 'On the first evening.',
				section: 'Social',
				position: 1,
				condition_question_id: null,
				condition_value: null,
				archived_at: null,
				created_at: at,
				updated_at: at
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const choice = await db()
			.insertInto('question_choices')
			.values({ question_id: question.id, label: 'Yes', capacity: null, position: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		// A code of its own: the delegation tests above may have added any country already.
		const delegation = await makeDelegation(
			event.id,
			`T${Date.now().toString(36).slice(-5)}`.toUpperCase(),
			{ name: 'Translators', kind: 'organisation' }
		);
		const rowTexts = async (key: string, id: number) => {
			const table =
				key === 'item'
					? 'programme_items'
					: key === 'question'
						? 'questions'
						: key === 'choice'
							? 'question_choices'
							: 'delegations';
			const found = await db()
				.selectFrom(table)
				.select('translations')
				.where('id', '=', id)
				.executeTakeFirst();
			return found?.translations as Record<string, Record<string, string>> | undefined;
		};
		const fields = [
			'ja.title',
			'ja.series',
			'ja.city',
			'ja.venue',
			'ja.description_md',
			'ja.privacy_notice',
			`ja.item.${item.id}.title`,
			`ja.item.${item.id}.location`,
			`ja.item.${item.id}.description`,
			`ja.question.${question.id}.label`,
			`ja.question.${question.id}.help`,
			`ja.question.${question.id}.section`,
			`ja.choice.${choice.id}.label`,
			`ja.delegation.${delegation.id}.name`,
			'official_language',
			'ja.item.999999999.title',
			'ja.question.999999999.label',
			'ja.delegation.999999999.name'
		];
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...fields), hostileString(), async (field, typed) => {
				const result = await act(languagesPage.actions, 'save', event.slug, '/edit/languages', {
					official_language: 'en',
					[field]: typed
				});
				expectNoCrash(result, { field, typed });
				if (!accepted(result)) {
					expectClearRefusal(result, { field, typed });
					return;
				}
				const row = await fresh(event.id);
				const [, key, ...rest] = field.split('.');
				const stored =
					rest.length === 2
						? (await rowTexts(key, Number(rest[0])))?.ja?.[rest[1]]
						: field === 'official_language'
							? row.official_language
							: row.translations.ja?.[key];
				if (field.includes('.999999999.')) expect(stored).toBeUndefined();
				else if (field === 'official_language') expect(['en', 'ja']).toContain(stored);
				else expect(stored ?? '').toBe(asStored(typed));
			}),
			RUNS
		);
	});
});

describe('event staff', () => {
	it('answers any e-mail, role or account id with a refusal or a change', async () => {
		const member = await makeStaff();
		await addEventStaff(event.id, member.id, 'checkin');
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('add', 'role', 'remove'),
				fc.constantFrom('email', 'role', 'userId', 'name'),
				hostileString(),
				async (action, field, typed) => {
					const form = {
						email: member.email,
						role: 'secretariat',
						userId: String(member.id),
						[field]: typed
					};
					const result = await act(
						staffPage.actions,
						action as 'add',
						event.slug,
						'/edit/staff',
						form
					);
					expectNoCrash(result, { action, field, typed });
					if (!accepted(result)) expectClearRefusal(result, { action, field, typed });
					// The organizer is still the organizer, whatever was posted.
					const mine = await db()
						.selectFrom('event_staff')
						.select('role')
						.where('event_id', '=', event.id)
						.where('user_id', '=', organizerId)
						.executeTakeFirst();
					expect(mine?.role).toBe('organizer');
				}
			),
			RUNS
		);
	});
});
