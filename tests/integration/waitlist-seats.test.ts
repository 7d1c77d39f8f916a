import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../src/lib/schemas/event.ts';
import { attendeeList } from '../../src/lib/server/attendees/attendee.service.ts';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import type { Event } from '../../src/lib/server/db/schema.ts';
import { setDelegationQuota } from '../../src/lib/server/events/delegation.service.ts';
import { eventFormValues } from '../../src/lib/server/events/event-form.ts';
import { updateEvent } from '../../src/lib/server/events/event.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import {
	seatsOpenedNotice,
	seatsOpenedParams
} from '../../src/lib/server/registrations/seats-opened.ts';
import * as registrationPage from '../../src/routes/me/registrations/[reference]/+page.server.ts';
import { actorWithRole, type Actor } from '../helpers/event-actors.ts';
import { makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { localsFor } from '../helpers/request-event.ts';

// The waiting list moves when seats open: raising the event's capacity or a delegation's quota
// confirms people from it in their order on the list, under the event lock with the seat
// counters, each audited under the organizer's name and e-mailed; in approval mode the
// organizer is told how many seats are free for the registrations awaiting them. Staff and
// the delegate see each person's place on the list.

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);

async function organizer() {
	const staff = await makeStaff({ admin: true });
	return { id: staff.id, name: staff.display_name, staff: true, admin: true };
}

async function setup(options: { capacity: number | null; quota?: number; approval?: boolean }) {
	const event = await makeEvent({
		starts_on: day(60),
		ends_on: day(62),
		capacity: options.capacity,
		registration_mode: options.approval ? 'approval' : 'open'
	});
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand', quota: options.quota });
	const register = async () => {
		const { registrationId } = await registerDelegate({
			eventId: event.id,
			values: delegateValues(th.id),
			submissionKey: submissionKey()
		});
		return registrationId;
	};
	return { event, th, register };
}

async function statuses(ids: number[]) {
	const rows = await db()
		.selectFrom('registrations')
		.select(['id', 'status'])
		.where('id', 'in', ids)
		.execute();
	const byId = new Map(rows.map((r) => [r.id, r.status]));
	return ids.map((id) => byId.get(id));
}

async function templatesOf(id: number) {
	const rows = await db()
		.selectFrom('emails')
		.select('template')
		.where('registration_id', '=', id)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.template);
}

async function raiseCapacity(actor: Actor, event: Event, capacity: string) {
	const fresh = await db()
		.selectFrom('events')
		.selectAll()
		.where('id', '=', event.id)
		.executeTakeFirstOrThrow();
	const input = eventSchema.parse({ ...eventFormValues(fresh), capacity });
	return updateEvent(actor, event.id, fresh.version, input);
}

describe('raising the capacity', () => {
	it('confirms people from the waiting list in their order, audited and mailed', async () => {
		const { event, register } = await setup({ capacity: 2 });
		const ids: number[] = [];
		for (let i = 0; i < 5; i++) ids.push(await register());
		expect(await statuses(ids)).toEqual([
			'confirmed',
			'confirmed',
			'waitlisted',
			'waitlisted',
			'waitlisted'
		]);
		const actor = await organizer();

		const { seats } = await raiseCapacity(actor, event, '4');
		expect(seats).toEqual({ promoted: 2, free: 0, pending: 0 });
		expect(await statuses(ids)).toEqual([
			'confirmed',
			'confirmed',
			'confirmed',
			'confirmed',
			'waitlisted'
		]);
		expect(await templatesOf(ids[2])).toEqual(['registration-waitlisted', 'registration-promoted']);
		expect(await templatesOf(ids[3])).toEqual(['registration-waitlisted', 'registration-promoted']);
		expect(await templatesOf(ids[4])).toEqual(['registration-waitlisted']);
		const counter = await db()
			.selectFrom('events')
			.select('seats_taken')
			.where('id', '=', event.id)
			.executeTakeFirstOrThrow();
		expect(counter.seats_taken).toBe(4);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['entity_id', 'actor_user_id'])
			.where('event_id', '=', event.id)
			.where('action', '=', 'registration.promote')
			.orderBy('id')
			.execute();
		expect(audit.map((a) => [Number(a.entity_id), a.actor_user_id])).toEqual([
			[ids[2], actor.id],
			[ids[3], actor.id]
		]);
		expect(seatsOpenedNotice(new URLSearchParams(seatsOpenedParams(seats)))).toBe(
			'2 people from the waiting list were confirmed, in their order on the list, and told by e-mail.'
		);

		// No limit at all: everyone left is confirmed.
		expect((await raiseCapacity(actor, event, '')).seats).toEqual({
			promoted: 1,
			free: null,
			pending: 0
		});
		expect(await statuses(ids)).toEqual(Array(5).fill('confirmed'));
	});

	it('in approval mode tells the organizer how many seats are free for those awaiting approval', async () => {
		const { event, register } = await setup({ capacity: 1, approval: true });
		const ids = [await register(), await register(), await register()];
		expect(await statuses(ids)).toEqual(['pending', 'pending', 'pending']);
		const { seats } = await raiseCapacity(await organizer(), event, '3');
		expect(seats).toEqual({ promoted: 0, free: 3, pending: 3 });
		expect(await statuses(ids)).toEqual(['pending', 'pending', 'pending']);
		expect(seatsOpenedNotice(new URLSearchParams(seatsOpenedParams(seats)))).toBe(
			'3 seats are now free for the 3 registrations awaiting your approval.'
		);
	});
});

describe('raising a delegation’s quota', () => {
	it('confirms its people from the waiting list in their order', async () => {
		const { event, th, register } = await setup({ capacity: null, quota: 1 });
		const ids = [await register(), await register(), await register()];
		expect(await statuses(ids)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
		const actor = await organizer();
		const result = await setDelegationQuota(actor, event.id, th.id, 2);
		expect(result.seats).toMatchObject({ promoted: 1 });
		expect(await statuses(ids)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
		expect(await templatesOf(ids[1])).toContain('registration-promoted');
		const delegation = await db()
			.selectFrom('delegations')
			.select('seats_taken')
			.where('id', '=', th.id)
			.executeTakeFirstOrThrow();
		expect(delegation.seats_taken).toBe(2);
	});
});

describe('places on the waiting list', () => {
	it('are shown to staff, the list in their order, and to each delegate', async () => {
		const { event, register } = await setup({ capacity: 1 });
		const ids: number[] = [];
		for (let i = 0; i < 4; i++) ids.push(await register());
		const secretariat = await actorWithRole(event.id, 'secretariat');
		const list = await attendeeList(
			secretariat,
			event.id,
			new URLSearchParams({ status: 'waitlisted' })
		);
		expect(list.query.sort).toBe('registered');
		expect(list.rows.map((r) => [r.id, r.waitlistPosition])).toEqual([
			[ids[1], 1],
			[ids[2], 2],
			[ids[3], 3]
		]);
		const everyone = await attendeeList(secretariat, event.id, new URLSearchParams());
		expect(everyone.rows.find((r) => r.id === ids[0])?.waitlistPosition).toBeNull();

		const third = await db()
			.selectFrom('registrations')
			.select(['reference', 'user_id'])
			.where('id', '=', ids[3])
			.executeTakeFirstOrThrow();
		const url = new URL(`http://localhost/me/registrations/${third.reference}`);
		const page = (await registrationPage.load({
			locals: await localsFor(third.user_id, 'email_link'),
			params: { reference: third.reference },
			url,
			request: new Request(url),
			cookies: { get: () => undefined, set: () => {}, delete: () => {} }
		} as never)) as { registration: { waitlistPosition: number | null } };
		expect(page.registration.waitlistPosition).toBe(3);
	});
});
