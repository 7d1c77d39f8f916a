import { describe, expect, it } from 'vitest';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { listRegistrationsOfUser } from '../../src/lib/server/registrations/self-service.repository.ts';
import {
	cancelRegistration,
	getRegistrationForOwner,
	registerDelegate,
	updateRegistration
} from '../../src/lib/server/registrations/registration.service.ts';
import * as registrationPage from '../../src/routes/me/registrations/[reference]/+page.server.ts';
import * as mePage from '../../src/routes/me/+page.server.ts';
import * as editPage from '../../src/routes/me/registrations/[reference]/edit/+page.server.ts';
import { registrationFormValues } from '../../src/lib/server/registrations/registration.fields.ts';
import * as itineraryIcs from '../../src/routes/me/registrations/[reference]/itinerary.ics/+server.ts';
import * as itineraryPage from '../../src/routes/me/registrations/[reference]/itinerary/+page.server.ts';
import * as visitsPage from '../../src/routes/me/registrations/[reference]/visits/+page.server.ts';
import { makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { delegateActor } from '../helpers/event-actors.ts';
import { ANONYMOUS, localsFor, routeEvent } from '../helpers/request-event.ts';

// The delegate's own pages, driven through their real load functions and actions (SvelteKit's
// error/redirect/fail objects), on registrations made by the real registration service.

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);

type Who = { locals: App.Locals } | null;

/** A request event as SvelteKit hands it to a load or an action (a POST when there is a form). */
function requestEvent(
	who: Who,
	reference: string,
	options: { query?: string; path?: string; form?: Record<string, string> } = {}
) {
	return routeEvent({
		locals: who?.locals ?? ANONYMOUS,
		path: `/me/registrations/${reference}${options.path ?? ''}${options.query ?? ''}`,
		params: { reference },
		form: options.form
	});
}

/** What a load or action threw or returned: { status, location?, data? }. */
async function outcome(run: () => unknown) {
	try {
		const data = await run();
		const failure = data as { status?: number; data?: unknown } | undefined;
		if (failure && typeof failure === 'object' && 'status' in failure && 'data' in failure) {
			return { status: failure.status, data: failure.data as Record<string, unknown> };
		}
		return { status: 200, data: data as Record<string, unknown> };
	} catch (e) {
		const thrown = e as { status?: number; location?: string };
		if (typeof thrown?.status !== 'number') throw e;
		return { status: thrown.status, location: thrown.location };
	}
}

async function setup(options: { visa?: boolean } = {}) {
	const event = await makeEvent({
		starts_on: day(60),
		ends_on: day(62),
		capacity: 1,
		collect_visa_support: options.visa ?? false
	});
	const delegation = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const visa = options.visa
		? { passportNumber: 'AA1234567', passportExpiry: day(800), dateOfBirth: '1970-04-12' }
		: null;
	const register = async (overrides = {}) => {
		const values = delegateValues(delegation.id, { visa, ...overrides });
		const result = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		});
		const row = await db()
			.selectFrom('registrations')
			.selectAll()
			.where('id', '=', result.registrationId)
			.executeTakeFirstOrThrow();
		const owner = {
			id: row.user_id,
			email: row.email,
			locals: await localsFor(row.user_id, 'email_link')
		};
		return { ...row, values, owner };
	};
	return { event, delegation, register };
}

describe('who may open a registration', () => {
	it('shows a delegate their own registration, and nobody else’s, by any spelling of the reference', async () => {
		const { register } = await setup();
		const mine = await register();
		const theirs = await register();
		expect((await getRegistrationForOwner(mine.owner.id, mine.reference))?.registration.id).toBe(
			mine.id
		);
		expect(
			(await getRegistrationForOwner(mine.owner.id, mine.reference.toLowerCase()))?.registration.id
		).toBe(mine.id);
		expect(await getRegistrationForOwner(mine.owner.id, theirs.reference)).toBeNull();

		const own = await outcome(async () =>
			registrationPage.load(requestEvent(mine.owner, mine.reference))
		);
		expect(own.status).toBe(200);
		expect((own.data!.registration as { reference: string }).reference).toBe(mine.reference);

		// Someone else's and a made-up reference look exactly the same: 404.
		const other = await outcome(async () =>
			registrationPage.load(requestEvent(mine.owner, theirs.reference))
		);
		expect(other.status).toBe(404);
		const unknown = await outcome(async () =>
			registrationPage.load(requestEvent(mine.owner, 'NOPE-XX-999'))
		);
		expect(unknown.status).toBe(404);
	});

	it('sends anonymous visitors to /signin and back, and refuses their POST', async () => {
		const { register } = await setup();
		const mine = await register();
		const page = await outcome(async () =>
			registrationPage.load(requestEvent(null, mine.reference))
		);
		expect(page.status).toBe(303);
		expect(page.location).toBe(
			`/signin?next=${encodeURIComponent(`/me/registrations/${mine.reference}`)}`
		);
		const post = await outcome(async () =>
			registrationPage.actions.cancel(
				requestEvent(null, mine.reference, { form: { confirm: 'yes' } })
			)
		);
		expect(post.status).toBe(403);
		const me = await outcome(async () =>
			mePage.load(routeEvent({ locals: ANONYMOUS, path: '/me' }))
		);
		expect(me.status).toBe(303);
		expect(me.location).toBe('/signin?next=%2Fme');
	});

	it('refuses a POST on another delegate’s registration with 404 and changes nothing', async () => {
		const { register } = await setup();
		const mine = await register();
		const theirs = await register();
		const post = await outcome(async () =>
			registrationPage.actions.cancel(
				requestEvent(mine.owner, theirs.reference, { form: { confirm: 'yes' } })
			)
		);
		expect(post.status).toBe(404);
		const row = await db()
			.selectFrom('registrations')
			.select(['status', 'version'])
			.where('id', '=', theirs.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: theirs.status, version: theirs.version });
		// And the service itself says the same to a delegate who is not the owner.
		const error = await cancelRegistration(delegateActor(mine.owner.id), theirs.id).catch((e) => e);
		expect((error as DomainError).code).toBe('not_found');
	});

	it('lets a staff member’s password session see their own delegate registration', async () => {
		const { register } = await setup();
		const staff = await makeStaff();
		const mine = await register({ email: staff.email });
		expect(mine.user_id).toBe(staff.id);
		const page = await outcome(async () =>
			registrationPage.load(
				requestEvent({ locals: await localsFor(staff.id, 'password') }, mine.reference)
			)
		);
		expect(page.status).toBe(200);
	});
});

describe('every page under /me/registrations/[reference]', () => {
	it('opens for its owner by a lower-case reference, and is a 404 for anyone else', async () => {
		const { register } = await setup();
		const mine = await register();
		const someoneElse = await register();
		const lower = mine.reference.toLowerCase();
		const pages: Array<[string, (event: never) => unknown]> = [
			['', registrationPage.load],
			['/edit', editPage.load],
			['/itinerary', itineraryPage.load],
			['/itinerary.ics', itineraryIcs.GET],
			['/visits', visitsPage.load]
		];
		for (const [path, load] of pages) {
			const own = await outcome(async () => load(requestEvent(mine.owner, lower, { path })));
			expect(own.status, `GET ${path}`).toBe(200);
			for (const reference of [lower, mine.reference]) {
				const other = await outcome(async () =>
					load(requestEvent(someoneElse.owner, reference, { path }))
				);
				expect(other.status, `GET ${path} as someone else`).toBe(404);
			}
		}
		// Each action passes the guard for the owner (and then answers the form), never for others.
		const actions: Array<[string, (event: never) => unknown, Record<string, string>, number]> = [
			['', registrationPage.actions.cancel, { reason: 'x' }, 400],
			['/edit', editPage.actions.default, { version: 'x' }, 409],
			['/itinerary', itineraryPage.actions.revokeFeed, {}, 200],
			['/visits', visitsPage.actions.signUp, { visitId: 'x' }, 400]
		];
		for (const [path, action, form, status] of actions) {
			const own = await outcome(async () =>
				action(requestEvent(mine.owner, lower, { path, form }))
			);
			expect(own.status, `POST ${path}`).toBe(status);
			const other = await outcome(async () =>
				action(requestEvent(someoneElse.owner, lower, { path, form }))
			);
			expect(other.status, `POST ${path} as someone else`).toBe(404);
		}
		const row = await db()
			.selectFrom('registrations')
			.select(['status', 'version'])
			.where('id', '=', mine.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: mine.status, version: mine.version });
	});
});

describe('/me', () => {
	it('lists the person’s registrations across events with event title and dates, in one query', async () => {
		const first = await setup();
		const second = await setup();
		const mine = await first.register();
		await second.register({ email: mine.email });
		await first.register();
		const list = await listRegistrationsOfUser(db(), mine.owner.id);
		expect(list).toHaveLength(2);
		expect(list.map((r) => r.event_title).sort()).toEqual(
			[first.event.title, second.event.title].sort()
		);
		expect(list[0]).toMatchObject({ status: expect.any(String), starts_on: day(60) });
	});
});

describe('passport data', () => {
	it('is masked except its last three characters until the owner asks to see it', async () => {
		const { register } = await setup({ visa: true });
		const mine = await register();
		const masked = await outcome(async () =>
			registrationPage.load(requestEvent(mine.owner, mine.reference))
		);
		const passport = masked.data!.passport as { number: string; shown: boolean };
		expect(passport.number).toBe('••••••567');
		expect(passport.shown).toBe(false);
		expect(JSON.stringify(masked.data)).not.toContain('AA1234567');
		expect(JSON.stringify(masked.data)).not.toContain('visa_data_enc');
		const shown = await outcome(async () =>
			registrationPage.load(requestEvent(mine.owner, mine.reference, { query: '?show=passport' }))
		);
		expect((shown.data!.passport as { number: string }).number).toBe('AA1234567');
	});
});

describe('editing', () => {
	it('refuses a stale edit from another tab and overwrites nothing', async () => {
		const { register } = await setup();
		const mine = await register();
		const actor = delegateActor(mine.owner.id);
		// Two tabs opened at version 1; the first saves.
		await updateRegistration(actor, mine.id, mine.version, {
			...mine.values,
			position: 'Minister'
		});
		const error = await updateRegistration(actor, mine.id, mine.version, {
			...mine.values,
			position: 'Deputy Minister'
		}).catch((e) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('stale');
		expect((error as DomainError).message).toMatch(/changed in another tab/);
		const row = await db()
			.selectFrom('registrations')
			.select(['position', 'version'])
			.where('id', '=', mine.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ position: 'Minister', version: mine.version + 1 });
	});
});

/** The edit form as the page renders it for a registration, with changes, as posted. */
async function editForm(id: number, changes: Record<string, string> = {}, version?: number) {
	const row = await db()
		.selectFrom('registrations')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const values = registrationFormValues(row, 'Asia/Tokyo', { withVisa: false });
	const form: Record<string, string> = { version: String(version ?? row.version) };
	for (const [key, value] of Object.entries({ ...values, ...changes })) {
		if (value) form[key] = value;
	}
	return form;
}

const positionOf = async (id: number) =>
	await db()
		.selectFrom('registrations')
		.select(['position', 'email', 'version'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

describe('the edit page', () => {
	it('saves the owner’s change and keeps the sign-in address as it is', async () => {
		const { register } = await setup();
		const mine = await register();
		const page = await outcome(async () =>
			editPage.load(requestEvent(mine.owner, mine.reference, { path: '/edit' }))
		);
		expect(page.data).toMatchObject({ version: mine.version, values: { position: mine.position } });
		const saved = await outcome(async () =>
			editPage.actions.default(
				requestEvent(mine.owner, mine.reference, {
					path: '/edit',
					form: await editForm(mine.id, { position: 'Minister', email: 'someone-else@example.org' })
				})
			)
		);
		expect(saved).toMatchObject({
			status: 303,
			location: `/me/registrations/${mine.reference}?saved=1`
		});
		expect(await positionOf(mine.id)).toEqual({
			position: 'Minister',
			email: mine.email,
			version: mine.version + 1
		});
	});

	it('keeps what was typed and says what is wrong beside the field', async () => {
		const { register } = await setup();
		const mine = await register();
		const result = await outcome(async () =>
			editPage.actions.default(
				requestEvent(mine.owner, mine.reference, {
					path: '/edit',
					form: await editForm(mine.id, { position: 'Adviser', phone: 'call me' })
				})
			)
		);
		expect(result.status).toBe(400);
		expect(result.data).toMatchObject({
			values: { position: 'Adviser', phone: 'call me' },
			errors: { phone: expect.stringMatching(/phone number/) }
		});
		expect((await positionOf(mine.id)).version).toBe(mine.version);
	});

	it('refuses a stale save from another tab, overwrites nothing and shows the latest values', async () => {
		const { register } = await setup();
		const mine = await register();
		const tabA = await editForm(mine.id, { position: 'Minister' });
		const tabB = await editForm(mine.id, { position: 'Deputy Minister' });
		const first = await outcome(async () =>
			editPage.actions.default(
				requestEvent(mine.owner, mine.reference, { path: '/edit', form: tabA })
			)
		);
		expect(first.status).toBe(303);
		const second = await outcome(async () =>
			editPage.actions.default(
				requestEvent(mine.owner, mine.reference, { path: '/edit', form: tabB })
			)
		);
		expect(second.status).toBe(409);
		expect(second.data).toMatchObject({
			stale: true,
			message: expect.stringMatching(/changed in another tab .* nothing was saved/),
			values: { position: 'Minister' },
			version: mine.version + 1
		});
		expect((await positionOf(mine.id)).position).toBe('Minister');
	});

	it('is a 404 for another delegate, page and POST, and changes nothing', async () => {
		const { register } = await setup();
		const mine = await register();
		const theirs = await register();
		const page = await outcome(async () =>
			editPage.load(requestEvent(mine.owner, theirs.reference, { path: '/edit' }))
		);
		expect(page.status).toBe(404);
		const post = await outcome(async () =>
			editPage.actions.default(
				requestEvent(mine.owner, theirs.reference, {
					path: '/edit',
					form: await editForm(theirs.id, { position: 'Hijacked' })
				})
			)
		);
		expect(post.status).toBe(404);
		expect((await positionOf(theirs.id)).position).toBe(theirs.position);
	});
});

describe('cancelling', () => {
	it('needs the confirmation box, then cancels, frees the seat for the wait-list and e-mails both', async () => {
		const { register, event } = await setup();
		const mine = await register();
		const waiting = await register();
		expect(mine.status).toBe('confirmed');
		expect(waiting.status).toBe('waitlisted');

		const unconfirmed = await outcome(async () =>
			registrationPage.actions.cancel(
				requestEvent(mine.owner, mine.reference, { form: { reason: 'Ill' } })
			)
		);
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.data).toMatchObject({
			errors: { confirm: expect.stringMatching(/Tick the box/) },
			cancel: { reason: 'Ill' }
		});
		expect(
			(
				await db()
					.selectFrom('registrations')
					.select('status')
					.where('id', '=', mine.id)
					.executeTakeFirstOrThrow()
			).status
		).toBe('confirmed');

		const done = await outcome(async () =>
			registrationPage.actions.cancel(
				requestEvent(mine.owner, mine.reference, {
					form: { confirm: 'yes', reason: 'Ill' }
				})
			)
		);
		expect(done.status).toBe(303);
		expect(done.location).toBe(`/me/registrations/${mine.reference}?cancelled=1`);

		const rows = await db()
			.selectFrom('registrations')
			.select(['id', 'status'])
			.where('event_id', '=', event.id)
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ id: mine.id, status: 'cancelled' },
			{ id: waiting.id, status: 'confirmed' }
		]);
		const mails = await db()
			.selectFrom('emails')
			.select(['recipient', 'template'])
			.where('event_id', '=', event.id)
			.where('template', 'in', ['registration-cancelled', 'registration-promoted'])
			.execute();
		expect(mails).toEqual(
			expect.arrayContaining([
				{ recipient: mine.email, template: 'registration-cancelled' },
				{ recipient: waiting.email, template: 'registration-promoted' }
			])
		);

		// The page now says so, and offers neither editing nor cancelling.
		const after = await outcome(async () =>
			registrationPage.load(requestEvent(mine.owner, mine.reference))
		);
		expect(after.data).toMatchObject({ canEdit: false, canCancel: false });
		const again = await outcome(async () =>
			registrationPage.actions.cancel(
				requestEvent(mine.owner, mine.reference, { form: { confirm: 'yes' } })
			)
		);
		expect(again.status).toBe(409);
	});
});
