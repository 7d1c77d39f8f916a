import { describe, expect, it } from 'vitest';
import { CAPABILITIES, type Capability } from '../../src/lib/server/auth/actor.ts';
import { requireEventAccess } from '../../src/lib/server/events/access.ts';
import {
	addAseanPlusJapan,
	setDelegationQuota
} from '../../src/lib/server/events/delegation.service.ts';
import {
	addStaffMember,
	changeStaffRole,
	removeStaffMember
} from '../../src/lib/server/events/event-staff.service.ts';
import { changeEventStatus } from '../../src/lib/server/events/event.service.ts';
import { addProgrammeItem } from '../../src/lib/server/events/programme.service.ts';
import { actions as editActions } from '../../src/routes/admin/events/[slug]/edit/+page.server.ts';
import { actions as delegationActions } from '../../src/routes/admin/events/[slug]/edit/delegations/+page.server.ts';
import { actions as programmeActions } from '../../src/routes/admin/events/[slug]/edit/programme/+page.server.ts';
import { actions as staffActions } from '../../src/routes/admin/events/[slug]/edit/staff/+page.server.ts';
import { load as editLoad } from '../../src/routes/admin/events/[slug]/edit/+page.server.ts';
import { domainError, eventWithPeople, type Person } from '../helpers/event-actors.ts';
import { ANONYMOUS, eventRequest, localsFor, statusOf } from '../helpers/request-event.ts';
import { makeDelegation, makeEvent, makeStaff, addEventStaff } from '../helpers/factories.ts';

// DESIGN §5: only organizers (and administrators) change an event. Every action checks,
// not only the page that shows the buttons.

type Action = (event: never) => unknown;
const ALL_ACTIONS: ReadonlyArray<readonly [string, string, Action]> = [
	...Object.entries(editActions).map(([name, fn]) => ['edit', name, fn as Action] as const),
	...Object.entries(delegationActions).map(
		([name, fn]) => ['edit/delegations', name, fn as Action] as const
	),
	...Object.entries(programmeActions).map(
		([name, fn]) => ['edit/programme', name, fn as Action] as const
	),
	...Object.entries(staffActions).map(([name, fn]) => ['edit/staff', name, fn as Action] as const)
];

describe('who may open an event page for staff', () => {
	it('sends anonymous GETs to /login and refuses anonymous POSTs', async () => {
		const { event } = await eventWithPeople();
		const path = `/admin/events/${event.slug}/edit`;
		expect(
			await statusOf(() =>
				requireEventAccess(eventRequest(ANONYMOUS, event.slug, path), 'event.edit')
			)
		).toBe(303);
		expect(
			await statusOf(() =>
				requireEventAccess(eventRequest(ANONYMOUS, event.slug, path, { title: 'x' }), 'event.edit')
			)
		).toBe(403);
	});

	it('gives each role what DESIGN §5 says', async () => {
		const people = await eventWithPeople();
		const path = `/admin/events/${people.event.slug}/edit`;
		const check = (who: keyof typeof people, capability: Capability) =>
			statusOf(() =>
				requireEventAccess(
					eventRequest((people[who] as Person).locals, people.event.slug, path),
					capability
				)
			);
		const secretariat: Capability[] = [
			'registrations.correct',
			'registrations.view',
			'exports',
			'passport.view',
			'checkin',
			'delegations.board',
			'documents.issue'
		];
		const table: Array<[keyof typeof people, Capability[]]> = [
			['stranger', []],
			['checkin', ['checkin']],
			['secretariat', secretariat],
			['organizer', Object.keys(CAPABILITIES) as Capability[]],
			['admin', Object.keys(CAPABILITIES) as Capability[]]
		];
		for (const [who, granted] of table) {
			for (const capability of Object.keys(CAPABILITIES) as Capability[]) {
				expect([who, capability, await check(who, capability)]).toEqual([
					who,
					capability,
					granted.includes(capability) ? 200 : 403
				]);
			}
		}
	});

	it('answers 404 for an unknown event', async () => {
		const admin = await makeStaff({ admin: true });
		const locals = await localsFor(admin.id);
		expect(
			await statusOf(() =>
				requireEventAccess(
					eventRequest(locals, 'no-such-event', '/admin/events/no-such-event'),
					'registrations.view'
				)
			)
		).toBe(404);
	});
});

describe('every event action refuses people without the organizer role', () => {
	it('answers 403 to anonymous, stranger, check-in and secretariat on every action', async () => {
		const people = await eventWithPeople();
		const slug = people.event.slug;
		for (const who of [null, people.stranger, people.checkin, people.secretariat]) {
			for (const [page, name, action] of ALL_ACTIONS) {
				const status = await statusOf(() =>
					action(
						eventRequest(who?.locals ?? ANONYMOUS, slug, `/admin/events/${slug}/${page}?/${name}`, {
							id: '1'
						})
					)
				);
				expect([page, name, status]).toEqual([page, name, 403]);
			}
		}
	});

	it('refuses an organizer of one event who posts to another event', async () => {
		const mine = await eventWithPeople();
		const other = await makeEvent();
		const slug = other.slug;
		for (const [page, name, action] of ALL_ACTIONS) {
			const status = await statusOf(() =>
				action(
					eventRequest(mine.organizer.locals, slug, `/admin/events/${slug}/${page}?/${name}`, {})
				)
			);
			expect([page, name, status]).toEqual([page, name, 403]);
		}
		expect(
			await statusOf(
				() =>
					editLoad(
						eventRequest(mine.organizer.locals, slug, `/admin/events/${slug}/edit`)
					) as Promise<unknown>
			)
		).toBe(403);
	});

	it('lets the organizer and an administrator through to the form checks', async () => {
		const people = await eventWithPeople();
		const slug = people.event.slug;
		for (const who of [people.organizer, people.admin]) {
			// An empty save fails validation (400), which means the role check passed.
			const result = (await editActions.save(
				eventRequest(
					who?.locals ?? ANONYMOUS,
					slug,
					`/admin/events/${slug}/edit?/save`,
					{}
				) as never
			)) as { status: number };
			expect(result.status).toBe(400);
		}
	});
});

describe('the services check the role themselves', () => {
	it('refuse secretariat, check-in and strangers; accept organizer and admin', async () => {
		const people = await eventWithPeople({ status: 'draft' });
		const id = people.event.id;
		const delegation = await makeDelegation(id, 'TH');
		const item = {
			day: people.event.starts_on,
			startTime: '09:00',
			endTime: '10:00',
			title: 'Opening',
			location: '',
			description: ''
		};
		for (const who of [people.secretariat, people.checkin, people.stranger]) {
			expect((await domainError(changeEventStatus(who, id, 'publish'))).code).toBe('forbidden');
			expect((await domainError(addAseanPlusJapan(who, id))).code).toBe('forbidden');
			expect((await domainError(setDelegationQuota(who, id, delegation.id, 3))).code).toBe(
				'forbidden'
			);
			expect((await domainError(addProgrammeItem(who, id, item))).code).toBe('forbidden');
			expect(
				(await domainError(addStaffMember(who, id, { email: who.email, role: 'organizer' }))).code
			).toBe('forbidden');
		}
		await addProgrammeItem(people.organizer, id, item);
		await addProgrammeItem(people.admin, id, item);
	});

	it('manages staff: adds by e-mail, changes roles, keeps the last organizer', async () => {
		const people = await eventWithPeople();
		const id = people.event.id;
		const newcomer = await makeStaff();
		await addStaffMember(people.organizer, id, { email: newcomer.email, role: 'checkin' });
		const again = await domainError(
			addStaffMember(people.organizer, id, { email: newcomer.email, role: 'checkin' })
		);
		expect(again.field).toBe('email');
		const nobody = await domainError(
			addStaffMember(people.organizer, id, { email: 'nobody@example.org', role: 'checkin' })
		);
		expect(nobody.message).toMatch(
			/no staff account with this e-mail yet. Give their name to invite them/
		);

		await changeStaffRole(people.organizer, id, newcomer.id, 'secretariat');
		const last = await domainError(
			changeStaffRole(people.organizer, id, people.organizer.id, 'secretariat')
		);
		expect(last.message).toMatch(/at least one organizer/);
		expect(
			(await domainError(removeStaffMember(people.organizer, id, people.organizer.id))).message
		).toMatch(/at least one organizer/);
		await addEventStaff(id, (await makeStaff()).id, 'organizer');
		await removeStaffMember(people.organizer, id, people.organizer.id);
	});
});
