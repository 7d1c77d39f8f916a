import { beforeAll, describe, expect, it } from 'vitest';
import { randomToken } from '../../src/lib/server/auth/tokens.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { uploadInvitationCsv } from '../../src/lib/server/invitations/invitation-import.service.ts';
import { createVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { outcome, type Outcome } from '../helpers/hostile.ts';
import { ANONYMOUS, localsFor, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import {
	importRoute,
	routeFolders,
	routePath,
	type PageModule,
	type RouteFolder,
	type ServerModule
} from '../helpers/routes.ts';
import { TZ, visitInput } from '../helpers/visits.ts';
import { staffActor } from '../helpers/event-actors.ts';

// Who may do what (DESIGN §5), route by route: every route under src/routes, each of its
// loads, form actions and +server.ts handlers, for each kind of person. The handlers run
// in-process with real sessions in the database, each on its own, so a page that forgot its
// guard (and would leak data through __data.json, where layouts do not protect pages) or an
// action that forgot it (layouts never run before actions) fails here.

const PEOPLE = [
	'anonymous',
	'delegate', // an e-mail-link session of a delegate (owner of the registration used below)
	'staffEmailLink', // the event's organizer, signed in by e-mail link: no staff powers
	'otherOrganizer', // organizer of another event, nothing on this one
	'checkin',
	'secretariat',
	'organizer',
	'admin'
] as const;
type Person = (typeof PEOPLE)[number];

/** What a route part needs. */
type Need =
	| 'public' // anyone: the same page for all (a token or a form decides)
	| 'signedIn' // any session
	| 'own' // the signed-in delegate whose registration it is
	| 'staff' // any staff member signed in with a password
	| 'checkin' // check in / undo on this event
	| 'view' // registrations, mail log, dashboard, exports on this event
	| 'correct' // correct a registration, register a person on their behalf
	| 'manage' // edit the event, programme, visits, decisions on this event
	| 'twoFactor' // a staff account's password session, whatever its role (the sign-in's second step)
	| 'creator' // create events: an account's own right, given by an administrator (the organizer here)
	| 'admin'; // staff accounts

/** What a person gets: a page, a redirect elsewhere, a redirect to sign in, 403 or 404. */
type Expect = 'ok' | 'redirect' | 'login' | 'signin' | 403 | 404;

// DESIGN §5 as a table: what each person gets from a GET of a page that needs this.
// (A POST gets 403 instead of a redirect to a sign-in page.)
//            anonymous delegate staffEmailLink otherOrganizer checkin secretariat organizer admin
const TABLE: Record<Need, Expect[]> = {
	public: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
	signedIn: ['signin', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
	own: ['signin', 'ok', 404, 404, 404, 404, 404, 404],
	staff: ['login', 403, 403, 'ok', 'ok', 'ok', 'ok', 'ok'],
	checkin: ['login', 403, 403, 403, 'ok', 'ok', 'ok', 'ok'],
	view: ['login', 403, 403, 403, 403, 'ok', 'ok', 'ok'],
	correct: ['login', 403, 403, 403, 403, 'ok', 'ok', 'ok'],
	manage: ['login', 403, 403, 403, 403, 403, 'ok', 'ok'],
	twoFactor: ['login', 'login', 'login', 'ok', 'ok', 'ok', 'ok', 'ok'],
	creator: ['login', 403, 403, 403, 403, 403, 'ok', 'ok'],
	admin: ['login', 403, 403, 403, 403, 403, 403, 'ok']
};

type RouteRule = {
	/** GET of the page or file; null when the route only posts. */
	get: Need | null;
	/** Exceptions for some people, e.g. the check-in desk sent on to its own page. */
	getExcept?: Partial<Record<Person, Expect>>;
	/** Every form action of the page, by name. */
	actions?: Record<string, Need>;
	/** Other +server.ts methods (POST, PUT, …), by name. */
	methods?: Record<string, Need>;
	/** A route whose answer depends on a token in the address, not on who asks. */
	token?: boolean;
	/** Actions that only echo the form back (no stored record involved). */
	echoes?: string[];
};

const m = (names: string[], need: Need) => Object.fromEntries(names.map((n) => [n, need]));

/**
 * Every route of the app. A new route folder, action or handler fails the completeness test
 * until it is added here with who may use it.
 */
const ROUTES: Record<string, RouteRule> = {
	'/': { get: 'public' },
	'/admin': { get: 'staff' },
	'/admin/account': {
		get: 'staff',
		actions: m(
			['password', 'signOutEverywhere', 'recoveryCodes', 'removeFactor', 'removePasskey'],
			'staff'
		)
	},
	// A staff member's own passkeys: a challenge (GET) and the new credential (POST, JSON).
	'/admin/account/passkeys': { get: 'staff', methods: { POST: 'staff' } },
	'/admin/events/[slug]': { get: 'view', getExcept: { checkin: 'redirect' } },
	'/admin/events/[slug]/announcements': {
		get: 'manage',
		actions: m(['preview', 'send'], 'manage')
	},
	'/admin/events/[slug]/audit': { get: 'view' },
	'/admin/events/[slug]/checkin': {
		get: 'checkin',
		actions: m(['find', 'checkin', 'undo'], 'checkin')
	},
	'/admin/events/[slug]/checkin/counts': { get: 'checkin' },
	'/admin/events/[slug]/edit': {
		get: 'manage',
		actions: m(['save', 'publish', 'close', 'reopen', 'cancel', 'archive', 'delete'], 'manage')
	},
	'/admin/events/[slug]/edit/delegations': {
		get: 'manage',
		actions: m(['aseanJapan', 'addCountry', 'addOrganisation', 'quota', 'remove', 'move'], 'manage')
	},
	'/admin/events/[slug]/edit/programme': {
		get: 'manage',
		actions: m(['add', 'update', 'remove'], 'manage')
	},
	// DESIGN §5 gives "manage staff and event roles" to administrators: accounts are theirs
	// (/admin/staff); organizers choose which existing accounts work on their own event.
	'/admin/events/[slug]/edit/staff': {
		get: 'manage',
		actions: m(['add', 'role', 'remove'], 'manage')
	},
	'/admin/events/[slug]/exports': { get: 'view' },
	'/admin/events/[slug]/exports/badges.pdf': { get: 'view' },
	'/admin/events/[slug]/exports/participants': { get: 'view' },
	'/admin/events/[slug]/exports/participants.pdf': { get: 'view' },
	'/admin/events/[slug]/exports/registrations.csv': { get: 'view' },
	'/admin/events/[slug]/exports/registrations.xlsx': { get: 'view' },
	'/admin/events/[slug]/invitations': {
		get: 'manage',
		actions: m(['send', 'revoke', 'remind'], 'manage')
	},
	'/admin/events/[slug]/invitations/import': { get: 'manage', actions: { default: 'manage' } },
	'/admin/events/[slug]/invitations/import/[id]': { get: 'manage', actions: { default: 'manage' } },
	'/admin/events/[slug]/invitations/import/[id]/problems.csv': { get: 'manage' },
	'/admin/events/[slug]/invitations/new': { get: 'manage', actions: { default: 'manage' } },
	'/admin/events/[slug]/invitations/template.csv': { get: 'manage' },
	'/admin/events/[slug]/logistics': { get: 'view' },
	'/admin/events/[slug]/logistics/accommodation': { get: 'view' },
	'/admin/events/[slug]/logistics/accommodation.csv': { get: 'view' },
	'/admin/events/[slug]/logistics/accommodation.xlsx': { get: 'view' },
	'/admin/events/[slug]/logistics/arrivals': { get: 'view' },
	'/admin/events/[slug]/logistics/arrivals.csv': { get: 'view' },
	'/admin/events/[slug]/logistics/arrivals.xlsx': { get: 'view' },
	'/admin/events/[slug]/logistics/departures': { get: 'view' },
	'/admin/events/[slug]/logistics/departures.csv': { get: 'view' },
	'/admin/events/[slug]/logistics/departures.xlsx': { get: 'view' },
	'/admin/events/[slug]/logistics/dietary': { get: 'view' },
	'/admin/events/[slug]/logistics/dietary.csv': { get: 'view' },
	'/admin/events/[slug]/logistics/dietary.xlsx': { get: 'view' },
	'/admin/events/[slug]/mail': { get: 'view', actions: { resend: 'manage' } },
	'/admin/events/[slug]/mail/[id]': { get: 'view', actions: { resend: 'manage' } },
	// Each member of the staff who sees registrations chooses their own e-mail notifications.
	'/admin/events/[slug]/notifications': { get: 'view', actions: { default: 'view' } },
	'/admin/events/[slug]/registrations': { get: 'view', actions: { decide: 'manage' } },
	'/admin/events/[slug]/registrations/[reference]': {
		get: 'view',
		actions: {
			passport: 'view',
			...m(['cancel', 'promote', 'decide', 'approveChange', 'refuseChange'], 'manage')
		}
	},
	'/admin/events/[slug]/registrations/[reference]/edit': {
		get: 'correct',
		actions: { default: 'correct' }
	},
	'/admin/events/[slug]/registrations/new': { get: 'correct', actions: { default: 'correct' } },
	'/admin/events/[slug]/visits': { get: 'view' },
	'/admin/events/[slug]/visits/[id]': {
		get: 'manage',
		actions: m(['draft', 'save', 'cancelVisit'], 'manage'),
		echoes: ['draft']
	},
	'/admin/events/[slug]/visits/[id]/manifest': { get: 'view' },
	'/admin/events/[slug]/visits/[id]/manifest.csv': { get: 'view' },
	'/admin/events/[slug]/visits/[id]/manifest.xlsx': { get: 'view' },
	'/admin/events/[slug]/visits/new': {
		get: 'manage',
		actions: m(['draft', 'save'], 'manage'),
		echoes: ['draft']
	},
	// The check-in account (and any staff account not given the right) can neither see the page
	// nor post it.
	'/admin/events/new': { get: 'creator', actions: { default: 'creator' } },
	'/admin/staff': {
		get: 'admin',
		actions: m(
			[
				'create',
				'disable',
				'enable',
				'reset',
				'grantCreate',
				'revokeCreate',
				'resetFactor',
				'settings'
			],
			'admin'
		)
	},
	'/calendar/[token].ics': { get: 'public', token: true },
	'/events/[slug]': { get: 'public' },
	'/events/[slug]/register': { get: 'public', actions: { default: 'public' } },
	'/events/[slug]/register/done': { get: 'public' },
	'/health': { get: 'public' },
	'/invitations/[token]': { get: 'public', actions: { decline: 'public' }, token: true },
	'/invitations/[token]/register': { get: 'public', actions: { default: 'public' }, token: true },
	'/login': { get: 'public', actions: { default: 'public' } },
	'/login/forgot': { get: 'public', actions: { default: 'public' } },
	'/login/password/[token]': { get: 'public', actions: { default: 'public' }, token: true },
	// The second step of a staff sign-in: only a staff account's password session reaches it.
	'/login/two-factor/passkey': { get: 'twoFactor', methods: { POST: 'twoFactor' } },
	'/login/two-factor/setup': { get: 'twoFactor', actions: { default: 'twoFactor' } },
	'/login/two-factor/verify': { get: 'twoFactor', actions: { default: 'twoFactor' } },
	'/logout': { get: 'public', actions: { default: 'public' } },
	'/me': { get: 'signedIn', actions: { erase: 'signedIn', changeEmail: 'signedIn' } },
	'/me/email/[token]': { get: 'public', actions: { default: 'public' }, token: true },
	'/me/data.json': { get: 'signedIn' },
	'/me/registrations/[reference]': { get: 'own', actions: { cancel: 'own' } },
	'/me/registrations/[reference]/edit': { get: 'own', actions: { default: 'own' } },
	'/me/registrations/[reference]/itinerary': {
		get: 'own',
		actions: m(['createFeed', 'renewFeed', 'revokeFeed'], 'own')
	},
	'/me/registrations/[reference]/itinerary.ics': { get: 'own' },
	'/me/registrations/[reference]/visits': { get: 'own', actions: m(['signUp', 'cancel'], 'own') },
	'/signin': { get: 'public', actions: { default: 'public' } },
	'/signin/[token]': { get: 'public', actions: { default: 'public' }, token: true }
};

/** One event with everything a route may name; GETs use one, POSTs (which change it) another. */
type Place = {
	slug: string;
	reference: string;
	visitId: string;
	emailId: string;
	importId: string;
};
type Fixture = { read: Place; write: Place; people: Record<Person, () => Promise<App.Locals>> };
let fixture: Fixture;

beforeAll(async () => {
	const [organizer, secretariat, checkin, other, admin] = await Promise.all([
		makeStaff({ createsEvents: true }),
		makeStaff(),
		makeStaff(),
		makeStaff(),
		makeStaff({ admin: true })
	]);
	const elsewhere = await makeEvent();
	await addEventStaff(elsewhere.id, other.id, 'organizer');
	const delegateEmail = `access-delegate-${Date.now()}@example.org`;
	let delegateId = 0;

	const place = async (): Promise<Place> => {
		const event = await makeEvent({
			time_zone: TZ,
			starts_on: '2027-02-15',
			ends_on: '2027-02-19'
		});
		await addEventStaff(event.id, organizer.id, 'organizer');
		await addEventStaff(event.id, secretariat.id, 'secretariat');
		await addEventStaff(event.id, checkin.id, 'checkin');
		const delegation = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
		const registered = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id, { email: delegateEmail }),
			submissionKey: submissionKey()
		});
		const registration = await db()
			.selectFrom('registrations')
			.select(['reference', 'user_id'])
			.where('id', '=', registered.registrationId)
			.executeTakeFirstOrThrow();
		delegateId = registration.user_id;
		const visitId = await createVisit(staffActor(organizer), event, visitInput());
		const email = await db()
			.selectFrom('emails')
			.select('id')
			.where('event_id', '=', event.id)
			.executeTakeFirstOrThrow();
		const upload = await uploadInvitationCsv(
			{ id: organizer.id, name: '', staff: true, admin: false },
			event.id,
			{
				name: 'invitations.csv',
				bytes: new TextEncoder().encode('family_name,email,delegation\nSok,sok@example.org,KH\n')
			}
		);
		return {
			slug: event.slug,
			reference: registration.reference,
			visitId: String(visitId),
			emailId: String(email.id),
			importId: String(upload.id)
		};
	};
	const read = await place();
	const write = await place();
	// One real session per person. (Handlers get locals as hooks.server.ts set them; a sign-out
	// in one check ends the session row but not the locals the next check is given.)
	const session = (id: () => number, method: 'password' | 'email_link' = 'password') => {
		let locals: Promise<App.Locals> | undefined;
		return () => (locals ??= localsFor(id(), method));
	};
	fixture = {
		read,
		write,
		people: {
			anonymous: async () => ANONYMOUS,
			delegate: session(() => delegateId, 'email_link'),
			staffEmailLink: session(() => organizer.id, 'email_link'),
			otherOrganizer: session(() => other.id),
			checkin: session(() => checkin.id),
			secretariat: session(() => secretariat.id),
			organizer: session(() => organizer.id),
			admin: session(() => admin.id)
		}
	};
});

function paramsOf(route: RouteFolder, at: Place, overrides: Record<string, string> = {}) {
	const params: Record<string, string> = {};
	for (const name of route.params) {
		if (name === 'slug') params.slug = at.slug;
		else if (name === 'reference') params.reference = at.reference;
		else if (name === 'id')
			params.id = route.id.includes('/mail/')
				? at.emailId
				: route.id.includes('/import/')
					? at.importId
					: at.visitId;
		else if (name === 'token') params.token = randomToken();
	}
	return { ...params, ...overrides };
}

/** Classifies an outcome as the table does. */
function classify(result: Outcome & { crash?: unknown }, route: string): Expect | string {
	if (result.crash) throw new Error(`${route}: 500: ${(result.crash as Error)?.stack}`);
	if (result.kind === 'redirect') {
		if (result.location!.startsWith('/login?next=')) return 'login';
		if (result.location!.startsWith('/signin?next=')) return 'signin';
		return 'redirect';
	}
	if (result.status === 403 || result.status === 404) return result.status;
	if (result.status >= 500) return `${result.status}`;
	// Past the guard, and refused by the form's own checks (an empty post is rarely valid).
	if (result.status >= 400) return 'refused';
	return 'ok';
}

/** A response from a +server.ts handler, or what it threw. */
async function handlerOutcome(run: () => unknown) {
	const result = await outcome(run);
	const response = result.data as unknown as Response | undefined;
	if (result.kind === 'data' && response instanceof Response) {
		return { ...result, status: response.status };
	}
	return result;
}

/** What a person gets from a GET: the first layout or page that does not answer with data. */
async function getAs(route: RouteFolder, who: Person, params = paramsOf(route, fixture.read)) {
	const path = routePath(route.id, params);
	const make = async () => routeEvent({ locals: await fixture.people[who](), path, params });
	const nodes: Array<{ file: string; result: Awaited<ReturnType<typeof outcome>> }> = [];
	for (const file of route.layouts) {
		const mod = await importRoute<PageModule>(file);
		if (mod.load) nodes.push({ file, result: await outcome(async () => mod.load!(await make())) });
	}
	if (route.page) {
		const mod = await importRoute<PageModule>(route.page);
		if (mod.load) {
			const event = await make();
			nodes.push({ file: route.page, result: await outcome(() => mod.load!(event)) });
		}
	}
	if (route.server) {
		const mod = await importRoute<ServerModule>(route.server);
		if (mod.GET) {
			const event = await make();
			nodes.push({ file: route.server, result: await handlerOutcome(() => mod.GET!(event)) });
		}
	}
	const first = nodes.find((n) => classify(n.result, route.id) !== 'ok') ?? nodes.at(-1);
	const leaf = nodes.at(-1);
	return {
		combined: first ? classify(first.result, route.id) : 'ok',
		leaf: leaf && leaf.file !== route.layouts.at(-1) ? classify(leaf.result, route.id) : null
	};
}

async function postAs(
	route: RouteFolder,
	action: string,
	who: Person,
	params = paramsOf(route, fixture.write)
) {
	const mod = await importRoute<PageModule>(route.page!);
	const path = `${routePath(route.id, params)}${action === 'default' ? '' : `?/${action}`}`;
	const event = routeEvent({ locals: await fixture.people[who](), path, params, form: {} });
	return classify(await outcome(() => mod.actions![action](event as never)), route.id);
}

async function methodAs(route: RouteFolder, method: string, who: Person) {
	const mod = await importRoute<ServerModule>(route.server!);
	const params = paramsOf(route, fixture.write);
	const event = routeEvent({
		locals: await fixture.people[who](),
		path: routePath(route.id, params),
		params,
		form: {}
	});
	return classify(await handlerOutcome(() => mod[method as 'POST']!(event as never)), route.id);
}

/** 'ok' is a page, a redirect onwards, or a form's own refusal: anything past the guard. */
function matches(got: Expect | string, expected: Expect): boolean {
	return got === expected || (expected === 'ok' && (got === 'redirect' || got === 'refused'));
}

/** A GET's expectation turned into a POST's: no redirect to a sign-in page, a 403. */
const forPost = (e: Expect): Expect => (e === 'login' || e === 'signin' ? 403 : e);

const folders = routeFolders();

describe('the access table', () => {
	it('names every route folder, form action and +server.ts method of the app', async () => {
		expect(folders.map((r) => r.id).sort()).toEqual(Object.keys(ROUTES).sort());
		for (const route of folders) {
			const rule = ROUTES[route.id];
			const page = route.page ? await importRoute<PageModule>(route.page) : {};
			expect(Object.keys(page.actions ?? {}).sort(), `actions of ${route.id}`).toEqual(
				Object.keys(rule.actions ?? {}).sort()
			);
			const server = route.server ? await importRoute<ServerModule>(route.server) : {};
			const methods = Object.keys(server).filter((k) => k !== 'GET' && /^[A-Z]+$/.test(k));
			expect(methods.sort(), `methods of ${route.id}`).toEqual(
				Object.keys(rule.methods ?? {}).sort()
			);
		}
	});
});

describe.each(folders.map((r) => [r.id, r] as const))('%s', (id, route) => {
	const rule = ROUTES[id];
	if (!rule) return;

	if (rule.get) {
		it.each(PEOPLE.map((p, i) => [p, rule.getExcept?.[p] ?? TABLE[rule.get!][i]] as const))(
			'GET as %s → %s',
			async (who, expected) => {
				const got = await getAs(route, who);
				// A token decides, not the person: everyone gets what anyone would.
				const wanted = (
					rule.token ? (await getAs(route, 'anonymous')).combined : expected
				) as Expect;
				if (rule.token) expect(['ok', 'redirect', 404]).toContain(wanted);
				expect(matches(got.combined, wanted), `got ${got.combined}`).toBe(true);
				// The page (or file) on its own refuses too: its data is sent without the layouts'.
				if (got.leaf && wanted !== 'ok' && wanted !== 'redirect') expect(got.leaf).toBe(wanted);
			}
		);
	}

	for (const [action, need] of Object.entries(rule.actions ?? {})) {
		const expectations = PEOPLE.map((p, i) => [p, forPost(TABLE[need][i])] as const);
		// Refusals first: the allowed people's empty posts may change the event for the others.
		expectations.sort(([, a], [, b]) => (a === 'ok' ? 1 : 0) - (b === 'ok' ? 1 : 0));
		it.each(expectations)(`POST ?/${action} as %s → %s`, async (who, expected) => {
			const got = await postAs(route, action, who);
			// A token decides, not the person: everyone gets what anyone would.
			const wanted = (rule.token ? await postAs(route, action, 'anonymous') : expected) as Expect;
			expect(matches(got, wanted), `got ${got}`).toBe(true);
		});
	}

	for (const [method, need] of Object.entries(rule.methods ?? {})) {
		it.each(PEOPLE.map((p, i) => [p, forPost(TABLE[need][i])] as const))(
			`${method} as %s → %s`,
			async (who, expected) => {
				const got = await methodAs(route, method, who);
				expect(matches(got, expected), `got ${got}`).toBe(true);
			}
		);
	}

	if (route.params.some((p) => p !== 'token') && rule.get && rule.get !== 'public') {
		it('answers 404 for an unknown event, registration, visit or message', async () => {
			const allowedFor = (need: Need) => PEOPLE.find((p, i) => TABLE[need][i] === 'ok')!;
			for (const name of route.params) {
				const unknown =
					name === 'slug' ? 'no-such-event' : name === 'reference' ? 'NOPE-XX-999' : '999999';
				const who = allowedFor(rule.get!);
				const got = await getAs(route, who, paramsOf(route, fixture.read, { [name]: unknown }));
				expect(got.combined, `GET with ${name}=${unknown} as ${who}`).toBe(404);
				for (const [action, need] of Object.entries(rule.actions ?? {})) {
					if (rule.echoes?.includes(action)) continue;
					const params = paramsOf(route, fixture.write, { [name]: unknown });
					const posted = await postAs(route, action, allowedFor(need), params);
					// Not found, or refused before the record is even looked up: nothing changes.
					expect([404, 'refused'], `POST ?/${action} with ${name}=${unknown}`).toContain(posted);
				}
			}
		});
	}
});
