import { beforeAll, describe, expect, it } from 'vitest';
import { randomToken } from '../../src/lib/server/auth/tokens.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { uploadInvitationCsv } from '../../src/lib/server/invitations/invitation-import.service.ts';
import { createVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import { createQuestion, formQuestions } from '../../src/lib/server/questions/question.service.ts';
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
import {
	focalPointFor,
	uploadLetter
} from '../../src/lib/server/delegations/delegation-page.service.ts';
import {
	addFocalPoint,
	newFocalPointLink
} from '../../src/lib/server/delegations/focal-point.service.ts';

async function focalUser(focalPointId: number): Promise<number> {
	const row = await db()
		.selectFrom('focal_points')
		.select('user_id')
		.where('id', '=', focalPointId)
		.executeTakeFirstOrThrow();
	return row.user_id;
}
import { delegateActor, staffActor } from '../helpers/event-actors.ts';
import { encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import {
	issueDocuments,
	requestVisaLetter
} from '../../src/lib/server/documents/document.service.ts';
import { ownDocuments } from '../../src/lib/server/documents/document-access.service.ts';
import { issueDelegationLetters } from '../../src/lib/server/documents/delegation-letter.service.ts';
import { testPhoto } from '../helpers/photos.ts';

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

/** A download that needs a link signed for the session as well as the role. */
const SIGNED_ONLY: Partial<Record<Person, Expect>> = {
	checkin: 403,
	secretariat: 403,
	organizer: 403,
	admin: 403
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
			[
				'password',
				'signOutEverywhere',
				'recoveryCodes',
				'removeFactor',
				'removePasskey',
				'language'
			],
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
	// The delegation board: the secretariat sees it and verifies letters; organizers manage the
	// focal points, places per category, the deadline and the calls.
	'/admin/events/[slug]/delegations': {
		get: 'view',
		actions: m(['settings', 'call', 'remind'], 'manage')
	},
	'/admin/events/[slug]/delegations/[code]': {
		get: 'view',
		actions: {
			...m(['addFocalPoint', 'removeFocalPoint', 'call', 'quotas', 'substitution'], 'manage'),
			letter: 'view'
		}
	},
	'/admin/events/[slug]/delegations/board.csv': { get: 'view' },
	'/admin/events/[slug]/delegations/import': {
		get: 'manage',
		actions: m(['preview', 'confirm'], 'manage')
	},
	'/admin/events/[slug]/delegations/board.xlsx': { get: 'view' },
	'/admin/events/[slug]/delegations/letters/[id]': { get: 'view' },
	// Issue and void documents: organizer and secretariat; templates: the organizer.
	'/admin/events/[slug]/documents': {
		get: 'view',
		actions: m(
			[
				'issue',
				'addressee',
				'void',
				'reissue',
				'requestAll',
				'certificates',
				'invitations',
				'delegationLetters'
			],
			'view'
		)
	},
	'/admin/events/[slug]/documents/[id].pdf': { get: 'view' },
	'/admin/events/[slug]/documents/table-cards.pdf': { get: 'view' },
	'/admin/events/[slug]/documents/templates/[kind]': {
		get: 'manage',
		actions: { default: 'manage' }
	},
	'/admin/events/[slug]/documents/templates/[kind]/preview.pdf': {
		get: 'manage',
		methods: { POST: 'manage' }
	},
	// The desk that works offline; its list comes only by a link the desk page signs for the
	// session (offline-checkin.test.ts downloads it as each role): unsigned, everyone gets 403.
	'/admin/events/[slug]/checkin/desk': { get: 'checkin' },
	'/admin/events/[slug]/checkin/offline-list': { get: 'checkin', getExcept: SIGNED_ONLY },
	'/admin/events/[slug]/checkin/sync': { get: null, methods: { POST: 'checkin' } },
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
	'/admin/events/[slug]/edit/languages': { get: 'manage', actions: m(['save'], 'manage') },
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
	'/admin/events/[slug]/questions': {
		get: 'manage',
		actions: m(['add', 'update', 'remove', 'restore', 'move', 'photoPolicy'], 'manage')
	},
	'/admin/events/[slug]/registrations': { get: 'view', actions: { decide: 'manage' } },
	'/admin/events/[slug]/registrations/[reference]': {
		get: 'view',
		actions: {
			passport: 'view',
			rejectPhoto: 'correct',
			...m(['cancel', 'promote', 'decide', 'approveChange', 'refuseChange'], 'manage')
		}
	},
	'/admin/events/[slug]/registrations/[reference]/answers/[question]': { get: 'view' },
	// The check-in desk compares the face at the door with the badge photo.
	'/admin/events/[slug]/registrations/[reference]/photo.jpg': { get: 'checkin' },
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
	'/admin/events/[slug]/visits/[id]/rollcall': { get: 'checkin' },
	'/admin/events/[slug]/visits/[id]/rollcall/history': { get: 'view' },
	'/admin/events/[slug]/visits/[id]/rollcall/list': { get: 'checkin', getExcept: SIGNED_ONLY },
	'/admin/events/[slug]/visits/[id]/rollcall/sync': { get: null, methods: { POST: 'checkin' } },
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
	// A focal point's page: the link decides, then the signed-in focal point (see "a focal
	// point's link" below for who gets what with a real link).
	'/delegations/[token]': {
		get: 'public',
		actions: m(
			[
				'open',
				'resend',
				'nominate',
				'withdraw',
				'head',
				'endorse',
				'substitute',
				'letter',
				'visaLetter'
			],
			'public'
		),
		token: true
	},
	'/delegations/[token]/documents/[id].jwt': { get: 'public', token: true },
	'/delegations/[token]/documents/[id].pdf': { get: 'public', token: true },
	'/delegations/[token]/letters/[id]': { get: 'public', token: true },
	'/delegations/[token]/register': { get: 'public', actions: { default: 'public' }, token: true },
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
	'/me/registrations/[reference]/documents': {
		get: 'own',
		actions: m(['request', 'email'], 'own')
	},
	'/me/registrations/[reference]/documents/[id].jwt': { get: 'own' },
	'/me/registrations/[reference]/documents/[id].pdf': { get: 'own' },
	'/me/registrations/[reference]/answers': { get: 'own', actions: { default: 'own' } },
	'/me/registrations/[reference]/answers/[question]': { get: 'own' },
	'/me/registrations/[reference]/photo.jpg': { get: 'own' },
	'/me/registrations/[reference]/edit': { get: 'own', actions: { default: 'own' } },
	'/me/registrations/[reference]/itinerary': {
		get: 'own',
		actions: m(['createFeed', 'renewFeed', 'revokeFeed'], 'own')
	},
	'/me/registrations/[reference]/itinerary.ics': { get: 'own' },
	'/me/registrations/[reference]/visits': { get: 'own', actions: m(['signUp', 'cancel'], 'own') },
	'/signin': { get: 'public', actions: { default: 'public' } },
	'/signin/[token]': { get: 'public', actions: { default: 'public' }, token: true },
	// Anyone checks a document: by its code, or by its signed credential.
	'/verify': { get: 'public', actions: m(['code', 'credential'], 'public') },
	'/verify/[code]': { get: 'public' },
	'/verify/key.jwk': { get: 'public' }
};

/** One event with everything a route may name; GETs use one, POSTs (which change it) another. */
type Place = {
	slug: string;
	reference: string;
	visitId: string;
	emailId: string;
	importId: string;
	letterId: string;
	documentId: string;
	documentCode: string;
	questionId: string;
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
			ends_on: '2027-02-19',
			collect_visa_support: true
		});
		await addEventStaff(event.id, organizer.id, 'organizer');
		await addEventStaff(event.id, secretariat.id, 'secretariat');
		await addEventStaff(event.id, checkin.id, 'checkin');
		const delegation = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
		// A file question answered with a country report: the answer file routes have a file.
		const questionId = await createQuestion(staffActor(organizer), event.id, {
			label: 'Upload your country report',
			help: '',
			section: '',
			kind: 'file',
			required: false,
			categories: [],
			condition: null,
			newChoices: [],
			choices: []
		});
		const report = {
			fileName: 'report.pdf',
			contentType: 'application/pdf',
			bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
		};
		const registered = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id, { email: delegateEmail }),
			submissionKey: submissionKey(),
			answers: {
				questions: await formQuestions(event.id),
				answers: new Map([[questionId, 'report.pdf']]),
				files: new Map([[questionId, report]]),
				photo: await testPhoto()
			}
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
		const focal = await addFocalPoint(staffActor(organizer), event.id, delegation.id, {
			name: 'Focal Point',
			email: `focal-${event.slug}@example.org`,
			organisation: undefined,
			phone: undefined
		});
		const link = await newFocalPointLink(db(), focal.id, null, new Date());
		const context = await focalPointFor(link.split('/delegations/')[1], await focalUser(focal.id));
		await uploadLetter(context, {
			name: 'letter.pdf',
			bytes: new TextEncoder().encode('%PDF-1.4\n')
		});
		const letter = await db()
			.selectFrom('delegation_letters')
			.select('id')
			.where('delegation_id', '=', delegation.id)
			.executeTakeFirstOrThrow();
		// An issued visa support letter, for the routes that name a document.
		const holder = await db()
			.updateTable('registrations')
			.set({
				visa_data_enc: encryptVisaData({
					passportNumber: 'B1234567',
					passportExpiry: '2031-01-01',
					dateOfBirth: '1980-01-01'
				})
			})
			.where('id', '=', registered.registrationId)
			.returningAll()
			.executeTakeFirstOrThrow();
		const documentId = await requestVisaLetter(delegateActor(holder.user_id), holder, event);
		await issueDocuments(staffActor(organizer), event.id, [documentId]);
		const [issued] = await ownDocuments(holder);
		return {
			slug: event.slug,
			reference: registration.reference,
			visitId: String(visitId),
			emailId: String(email.id),
			importId: String(upload.id),
			letterId: String(letter.id),
			documentId: String(documentId),
			documentCode: issued.code!.replace(/-/g, ''),
			questionId: String(questionId)
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
		else if (name === 'kind') params.kind = 'visa_letter';
		else if (name === 'code')
			params.code = route.id.includes('/delegations/') ? 'KH' : at.documentCode;
		else if (name === 'id')
			params.id = route.id.includes('/documents/')
				? at.documentId
				: route.id.includes('/mail/')
					? at.emailId
					: route.id.includes('/import/')
						? at.importId
						: route.id.includes('/letters/')
							? at.letterId
							: at.visitId;
		else if (name === 'token') params.token = randomToken();
		else if (name === 'question') params.question = at.questionId;
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

describe("a focal point's link opens their own delegation and nothing else", () => {
	type Who = 'owner' | 'otherFocalPoint' | 'organizer' | 'delegate' | 'anonymous';
	let token = '';
	let letterId = '';
	let invitationLetterId = '';
	let people: Record<Who, () => Promise<App.Locals>>;

	beforeAll(async () => {
		const organizer = await makeStaff();
		const event = await makeEvent();
		await addEventStaff(event.id, organizer.id, 'organizer');
		const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
		const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		const add = (delegationId: number, email: string) =>
			addFocalPoint(staffActor(organizer), event.id, delegationId, {
				name: 'Focal Point',
				email,
				organisation: undefined,
				phone: undefined
			});
		const own = await add(kh.id, `kh-desk-${event.slug}@example.org`);
		const other = await add(th.id, `th-desk-${event.slug}@example.org`);
		token = (await newFocalPointLink(db(), own.id, null, new Date())).split('/delegations/')[1];
		const context = await focalPointFor(token, await focalUser(own.id));
		await uploadLetter(context, {
			name: 'letter.pdf',
			bytes: new TextEncoder().encode('%PDF-1.4\n')
		});
		const letter = await db()
			.selectFrom('delegation_letters')
			.select('id')
			.where('delegation_id', '=', kh.id)
			.executeTakeFirstOrThrow();
		letterId = String(letter.id);
		await issueDelegationLetters(staffActor(organizer), event.id, [kh.id]);
		const invitation = await db()
			.selectFrom('documents')
			.select('id')
			.where('delegation_id', '=', kh.id)
			.executeTakeFirstOrThrow();
		invitationLetterId = String(invitation.id);
		const registered = await registerDelegate({
			eventId: event.id,
			values: delegateValues(kh.id),
			submissionKey: submissionKey()
		});
		const delegate = await db()
			.selectFrom('registrations')
			.select('user_id')
			.where('id', '=', registered.registrationId)
			.executeTakeFirstOrThrow();
		people = {
			owner: async () => localsFor(await focalUser(own.id), 'email_link'),
			otherFocalPoint: async () => localsFor(await focalUser(other.id), 'email_link'),
			organizer: () => localsFor(organizer.id),
			delegate: () => localsFor(delegate.user_id, 'email_link'),
			anonymous: async () => ANONYMOUS
		};
	});

	const everyone: Who[] = ['owner', 'otherFocalPoint', 'organizer', 'delegate', 'anonymous'];
	const page = folders.find((r) => r.id === '/delegations/[token]')!;

	it.each(everyone)('GET the page as %s: the delegation only for its focal point', async (who) => {
		const mod = await importRoute<PageModule>(page.page!);
		const path = `/delegations/${token}`;
		const data = (await mod.load!(
			routeEvent({ locals: await people[who](), path, params: { token } })
		)) as { page: unknown };
		expect(data.page !== null).toBe(who === 'owner');
	});

	for (const action of [
		'nominate',
		'withdraw',
		'head',
		'endorse',
		'substitute',
		'letter',
		'visaLetter'
	]) {
		it.each(everyone)(`POST ?/${action} as %s`, async (who) => {
			const mod = await importRoute<PageModule>(page.page!);
			const event = routeEvent({
				locals: await people[who](),
				path: `/delegations/${token}?/${action}`,
				params: { token },
				form: {}
			});
			const got = classify(await outcome(() => mod.actions![action](event as never)), page.id);
			// The focal point's empty post is refused by the form; anyone else never gets that far.
			expect(got).toBe(who === 'owner' ? 'refused' : 403);
		});
	}

	it.each(everyone)('GET the letters and the on-behalf form as %s', async (who) => {
		const letter = folders.find((r) => r.id === '/delegations/[token]/letters/[id]')!;
		const register = folders.find((r) => r.id === '/delegations/[token]/register')!;
		const params = { token, id: letterId };
		const file = await handlerOutcome(async () =>
			(await importRoute<ServerModule>(letter.server!)).GET!(
				routeEvent({
					locals: await people[who](),
					path: `/delegations/${token}/letters/${letterId}`,
					params
				})
			)
		);
		const form = await outcome(async () =>
			(await importRoute<PageModule>(register.page!)).load!(
				routeEvent({
					locals: await people[who](),
					path: `/delegations/${token}/register`,
					params: { token }
				})
			)
		);
		const invitationRoute = folders.find(
			(r) => r.id === '/delegations/[token]/documents/[id].pdf'
		)!;
		const invitation = await handlerOutcome(async () =>
			(await importRoute<ServerModule>(invitationRoute.server!)).GET!(
				routeEvent({
					locals: await people[who](),
					path: `/delegations/${token}/documents/${invitationLetterId}.pdf`,
					params: { token, id: invitationLetterId }
				})
			)
		);
		const credentialRoute = folders.find(
			(r) => r.id === '/delegations/[token]/documents/[id].jwt'
		)!;
		const credential = await handlerOutcome(async () =>
			(await importRoute<ServerModule>(credentialRoute.server!)).GET!(
				routeEvent({
					locals: await people[who](),
					path: `/delegations/${token}/documents/${invitationLetterId}.jwt`,
					params: { token, id: invitationLetterId }
				})
			)
		);
		const expected = who === 'owner' ? 'ok' : 403;
		expect(classify(invitation, invitationRoute.id)).toBe(expected);
		expect(classify(credential, credentialRoute.id)).toBe(expected);
		expect(classify(file, letter.id)).toBe(expected);
		expect(classify(form, register.id)).toBe(expected);
	});
});
