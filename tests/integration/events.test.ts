import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../src/lib/schemas/event.ts';
import { fieldErrors } from '../../src/lib/schemas/fields.ts';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { addCountryDelegation } from '../../src/lib/server/events/delegation.service.ts';
import { deleteDraftEvent } from '../../src/lib/server/events/event-deletion.service.ts';
import { findStaffRole, listProgramme } from '../../src/lib/server/events/event.repository.ts';
import {
	allowedTransitions,
	changeEventStatus,
	createEvent,
	updateEvent
} from '../../src/lib/server/events/event.service.ts';
import { addProgrammeItem } from '../../src/lib/server/events/programme.service.ts';
import { formatTime } from '../../src/lib/time.ts';
import { domainError } from '../helpers/event-actors.ts';
import { makeDelegation, makeEvent, makeRegistration, makeStaff } from '../helpers/factories.ts';

let n = 0;
/** The text a filled-in event form sends. */
function form(overrides: Record<string, string> = {}): Record<string, string> {
	n++;
	const tag = `${n}${Math.random().toString(36).slice(2, 6)}`;
	return {
		title: 'Regional Workshop on Social Protection',
		series: '',
		edition: '',
		kind: 'workshop',
		code: `RW${tag.toUpperCase()}`.slice(0, 12),
		slug: `regional-workshop-${tag}`,
		startsOn: '2027-03-02',
		endsOn: '2027-03-04',
		venue: 'Mita Conference Hall',
		city: 'Tokyo',
		country: 'JP',
		timeZone: 'Asia/Tokyo',
		descriptionMd: 'A **workshop**.',
		contactEmail: 'Secretariat@Example.org',
		visibility: 'public',
		registrationMode: 'open',
		registrationOpensAt: '2027-01-10T09:00',
		registrationClosesAt: '2027-02-20T17:00',
		invitationsBypassWindow: 'on',
		capacity: '40',
		privacyNotice: '',
		hostPlacement: 'first',
		organisationsPlacement: 'last',
		...overrides
	};
}

const parse = (values: Record<string, string>) => eventSchema.parse(values);
function errorsOf(values: Record<string, string>) {
	const result = eventSchema.safeParse(values);
	expect(result.success).toBe(false);
	return fieldErrors(result.error!);
}

async function actorFor() {
	const staff = await makeStaff({ createsEvents: true });
	return {
		id: staff.id,
		name: staff.display_name,
		staff: true,
		admin: false,
		createsEvents: true
	};
}

describe('event form validation', () => {
	it('reads a filled-in form, with the window in the event zone', () => {
		const input = parse(form());
		expect(input.contactEmail).toBe('secretariat@example.org');
		expect(input.capacity).toBe(40);
		expect(input.registrationOpensAt?.toISOString()).toBe('2027-01-10T00:00:00.000Z');
		expect(input.series).toBeNull();
		expect(input.invitationsBypassWindow).toBe(true);
		expect(input.collectVisaSupport).toBe(false);
	});

	it('refuses an end before the start, beside the end date', () => {
		expect(errorsOf(form({ endsOn: '2027-03-01' })).endsOn).toMatch(/cannot be before/);
	});

	it('refuses a registration window that closes after the event ends', () => {
		expect(
			errorsOf(form({ registrationClosesAt: '2027-03-05T00:30' })).registrationClosesAt
		).toMatch(/by the end of the event/);
		// 23:30 on the last day, in Tokyo, is still within the event.
		expect(eventSchema.safeParse(form({ registrationClosesAt: '2027-03-04T23:30' })).success).toBe(
			true
		);
	});

	it('refuses a window that closes before it opens', () => {
		expect(
			errorsOf(
				form({ registrationOpensAt: '2027-02-20T17:00', registrationClosesAt: '2027-02-01T09:00' })
			).registrationClosesAt
		).toMatch(/after it opens/);
	});

	it('refuses an unknown time zone, a negative capacity, a bad code and a reserved slug', () => {
		const errors = errorsOf(
			form({ timeZone: 'Asia/Atlantis', capacity: '-5', code: 'h!', slug: 'new' })
		);
		expect(errors.timeZone).toMatch(/time zone from the list/);
		expect(errors.capacity).toMatch(/cannot be negative/);
		expect(errors.code).toMatch(/capital letters or digits/);
		expect(errors.slug).toMatch(/reserved/);
	});

	it('refuses an unknown country and text where a number belongs', () => {
		const errors = errorsOf(form({ country: 'XX', capacity: 'many', edition: '0' }));
		expect(errors.country).toMatch(/from the list/);
		expect(errors.capacity).toMatch(/whole number/);
		expect(errors.edition).toMatch(/starts at 1/);
	});
});

describe('creating and editing events', () => {
	it('creates a draft whose creator is its organizer, with an audit entry', async () => {
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		expect(event.status).toBe('draft');
		expect(await findStaffRole(db(), event.id, actor.id)).toBe('organizer');
		const audit = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('event_id', '=', event.id)
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['event.create']);
	});

	it('puts a duplicate slug or code beside its field and saves nothing', async () => {
		const actor = await actorFor();
		const first = await createEvent(actor, parse(form()));
		const slugClash = await domainError(createEvent(actor, parse(form({ slug: first.slug }))));
		expect(slugClash.field).toBe('slug');
		const codeClash = await domainError(createEvent(actor, parse(form({ code: first.code }))));
		expect(codeClash.field).toBe('code');
		const roles = await db()
			.selectFrom('event_staff')
			.select('event_id')
			.where('user_id', '=', actor.id)
			.execute();
		expect(roles).toHaveLength(1);
	});

	it('saves changes with a field-by-field audit diff and a new version', async () => {
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		const values = form({ slug: event.slug, code: event.code, title: 'Renamed workshop' });
		const { event: saved } = await updateEvent(actor, event.id, event.version, parse(values));
		expect(saved.title).toBe('Renamed workshop');
		expect(saved.version).toBe(event.version + 1);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'diff'])
			.where('event_id', '=', event.id)
			.where('action', '=', 'event.update')
			.executeTakeFirstOrThrow();
		expect(audit.diff).toEqual({ title: { from: event.title, to: 'Renamed workshop' } });
	});

	it('refuses a save based on an older version (someone else saved meanwhile)', async () => {
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		const values = form({ slug: event.slug, code: event.code });
		await updateEvent(actor, event.id, event.version, parse({ ...values, title: 'First' }));
		const stale = await domainError(
			updateEvent(actor, event.id, event.version, parse({ ...values, title: 'Second' }))
		);
		expect(stale.code).toBe('stale');
	});

	it('keeps the slug once published, and the code once references exist', async () => {
		const actor = await actorFor();
		let event = await createEvent(actor, parse(form()));
		await addCountryDelegation(actor, event.id, { country: 'TH', quota: null });
		event = await changeEventStatus(actor, event.id, 'publish');
		const moved = await domainError(
			updateEvent(
				actor,
				event.id,
				event.version,
				parse(form({ code: event.code, slug: 'moved-away' }))
			)
		);
		expect(moved.field).toBe('slug');
		const [delegation] = await db()
			.selectFrom('delegations')
			.selectAll()
			.where('event_id', '=', event.id)
			.execute();
		await makeRegistration(event, delegation);
		const recoded = await domainError(
			updateEvent(actor, event.id, event.version, parse(form({ slug: event.slug, code: 'OTHER1' })))
		);
		expect(recoded.field).toBe('code');
	});

	it('refuses a capacity below the seats taken, and warns when quotas exceed it', async () => {
		const organizer = await actorFor();
		const event = await makeEvent({ capacity: 10 });
		await db()
			.insertInto('event_staff')
			.values({ event_id: event.id, user_id: organizer.id, role: 'organizer' })
			.execute();
		const th = await makeDelegation(event.id, 'TH', { quota: 6 });
		await makeDelegation(event.id, 'VN', { quota: 6 });
		for (let i = 0; i < 3; i++) await makeRegistration(event, th);
		const base = form({ slug: event.slug, code: event.code });
		const tooSmall = await domainError(
			updateEvent(organizer, event.id, event.version, parse({ ...base, capacity: '2' }))
		);
		expect(tooSmall.field).toBe('capacity');
		expect(tooSmall.message).toMatch(/3 seats are already taken/);
		const { warnings } = await updateEvent(
			organizer,
			event.id,
			event.version,
			parse({ ...base, capacity: '11' })
		);
		expect(warnings[0]).toMatch(/add up to 12, more than the capacity of 11/);
	});

	it('keeps programme times on the wall clock when the time zone is corrected', async () => {
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		await addProgrammeItem(actor, event.id, {
			day: '2027-03-02',
			startTime: '09:00',
			endTime: '10:00',
			title: 'Opening',
			location: '',
			description: ''
		});
		const values = form({ slug: event.slug, code: event.code, timeZone: 'Asia/Bangkok' });
		await updateEvent(actor, event.id, event.version, parse(values));
		const [item] = await listProgramme(db(), event.id);
		expect(formatTime(item.starts_at, 'Asia/Bangkok')).toBe('09:00');
		expect(item.starts_at.toISOString()).toBe('2027-03-02T02:00:00.000Z');
	});
});

describe('the retention period on the event form', () => {
	it('is saved as typed, 180 days when left empty, and refused outside 1–3650 days', async () => {
		const actor = await actorFor();
		const created = await createEvent(actor, parse(form({ retentionDays: '' })));
		expect(created.retention_days).toBe(180);
		const edited = await updateEvent(
			actor,
			created.id,
			created.version,
			parse(form({ slug: created.slug, code: created.code, retentionDays: ' 30 ' }))
		);
		expect(edited.event.retention_days).toBe(30);
		expect(errorsOf(form({ retentionDays: '0' })).retentionDays).toMatch(/at least 1 day/);
		expect(errorsOf(form({ retentionDays: '4000' })).retentionDays).toMatch(/at most 3650/);
		expect(errorsOf(form({ retentionDays: 'a year' })).retentionDays).toMatch(/whole number/);
	});
});

describe('deleting a draft', () => {
	it('removes a never-published draft with what was set up for it, audited; anything else is refused', async () => {
		const actor = await actorFor();
		const draft = await createEvent(actor, parse(form()));
		await addCountryDelegation(actor, draft.id, { country: 'JP', quota: null });
		await deleteDraftEvent(actor, draft.id);
		const left = await db()
			.selectFrom('events')
			.select('id')
			.where('id', '=', draft.id)
			.executeTakeFirst();
		expect(left).toBeUndefined();
		const delegations = await db()
			.selectFrom('delegations')
			.select('id')
			.where('event_id', '=', draft.id)
			.execute();
		expect(delegations).toEqual([]);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id', 'diff'])
			.where('event_id', '=', draft.id)
			.where('action', '=', 'event.delete')
			.executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ actor_user_id: actor.id, diff: { code: draft.code } });

		// Published once, or with registrations: cancelled or archived instead.
		const published = await createEvent(actor, parse(form()));
		await addCountryDelegation(actor, published.id, { country: 'JP', quota: null });
		await changeEventStatus(actor, published.id, 'publish');
		expect((await domainError(deleteDraftEvent(actor, published.id))).message).toMatch(
			/never published/
		);
		const entered = await createEvent(actor, parse(form()));
		const jp = await makeDelegation(entered.id, 'JP');
		await makeRegistration(entered, jp);
		expect((await domainError(deleteDraftEvent(actor, entered.id))).message).toMatch(
			/already has registrations/
		);
		// Someone who is not its organizer cannot.
		const other = await actorFor();
		const theirs = await createEvent(other, parse(form()));
		expect((await domainError(deleteDraftEvent(actor, theirs.id))).code).toBe('forbidden');
	});
});

describe('event lifecycle', () => {
	it('publishes only with a delegation, then closes, reopens, cancels and archives', async () => {
		setNow(new Date('2027-01-15T00:00:00Z'));
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		const empty = await domainError(changeEventStatus(actor, event.id, 'publish'));
		expect(empty.message).toMatch(/at least one delegation/);
		await addCountryDelegation(actor, event.id, { country: 'JP', quota: null });

		const published = await changeEventStatus(actor, event.id, 'publish');
		expect(published.status).toBe('published');
		expect(published.published_at).not.toBeNull();
		expect((await changeEventStatus(actor, event.id, 'close')).status).toBe('closed');
		expect((await changeEventStatus(actor, event.id, 'reopen')).status).toBe('published');
		expect((await changeEventStatus(actor, event.id, 'cancel')).status).toBe('cancelled');
		expect((await changeEventStatus(actor, event.id, 'archive')).status).toBe('archived');

		const actions = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('event_id', '=', event.id)
			.orderBy('id')
			.execute();
		expect(actions.map((a) => a.action)).toEqual([
			'event.create',
			'delegation.add',
			'event.publish',
			'event.close',
			'event.reopen',
			'event.cancel',
			'event.archive'
		]);
		setNow(undefined);
	});

	it('e-mails every registrant who still counts when the event is cancelled, again after a reopening', async () => {
		const actor = await actorFor();
		const event = await makeEvent({
			title: 'Regional Workshop on Ageing',
			city: 'Hanoi',
			country: 'VN',
			published_at: new Date()
		});
		await db()
			.insertInto('event_staff')
			.values({ event_id: event.id, user_id: actor.id, role: 'organizer' })
			.execute();
		const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		const told = [
			await makeRegistration(event, vn, { status: 'confirmed', family_name: 'Nguyễn' }),
			await makeRegistration(event, vn, { status: 'waitlisted' }),
			await makeRegistration(event, vn, { status: 'pending' })
		];
		await makeRegistration(event, vn, { status: 'cancelled' });
		await makeRegistration(event, vn, { status: 'declined' });
		const mails = () =>
			db()
				.selectFrom('emails')
				.select(['recipient', 'subject', 'text_body', 'registration_id'])
				.where('event_id', '=', event.id)
				.where('template', '=', 'event-cancelled')
				.orderBy('id')
				.execute();

		await changeEventStatus(actor, event.id, 'cancel');
		const sent = await mails();
		expect(sent.map((m) => m.recipient)).toEqual(told.map((r) => r.email));
		expect(sent[0].subject).toBe('Cancelled: Regional Workshop on Ageing');
		expect(sent[0].text_body).toContain('Dear Ms. NGUYỄN');
		expect(sent[0].text_body).toContain('planned for 16–18 Feb 2027 in Hanoi, Viet Nam');
		expect(sent[0].text_body).toContain(`Your registration ${told[0].reference} (confirmed)`);
		expect(sent[1].text_body).toContain('(on the waiting list)');

		// Reopened and cancelled again: told again.
		await changeEventStatus(actor, event.id, 'reopen');
		expect(await mails()).toHaveLength(3);
		await changeEventStatus(actor, event.id, 'cancel');
		expect(await mails()).toHaveLength(6);
	});

	it('refuses transitions that make no sense', async () => {
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		const closeDraft = await domainError(changeEventStatus(actor, event.id, 'close'));
		expect(closeDraft.message).toBe('A draft event cannot be closed.');
		expect(allowedTransitions('draft')).toEqual(['publish', 'archive']);
		expect(allowedTransitions('published')).toEqual(['close', 'cancel', 'archive']);
		expect(allowedTransitions('archived')).toEqual(['reopen']);
	});

	it('brings back a draft, not a published event, when reopening an archived draft', async () => {
		const actor = await actorFor();
		const event = await createEvent(actor, parse(form()));
		await changeEventStatus(actor, event.id, 'archive');
		expect((await changeEventStatus(actor, event.id, 'reopen')).status).toBe('draft');
	});
});
