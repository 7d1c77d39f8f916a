import { beforeAll, describe, expect, it } from 'vitest';
import { registrationSchema } from '../../src/lib/schemas/registration.ts';
import { findForCheckin } from '../../src/lib/server/checkin/checkin.service.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { listOfParticipants } from '../../src/lib/server/exports/participants.ts';
import {
	accommodationList,
	dietaryAndAccess
} from '../../src/lib/server/logistics/logistics.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { visitManifest } from '../../src/lib/server/visits/manifest.ts';
import { createVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import { GET as badgesGet } from '../../src/routes/admin/events/[slug]/exports/badges.pdf/+server.ts';
import { staffActor, type Actor } from '../helpers/event-actors.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { submissionKey } from '../helpers/registration-input.ts';
import { bytes, call, localsFor, staffRequest } from '../helpers/request-event.ts';
import { pdfText } from '../helpers/pdf.ts';
import { TZ, visitInput } from '../helpers/visits.ts';

// The same three people, registered through the public form's schema and service, written
// identically on the List of Participants, the badges, a field visit's manifest, the check-in
// desk's search results and the logistics lists: a one-name Indonesian official, a Vietnamese
// family-first name and a Japanese name with its native script.

type Person = {
	form: Record<string, string>;
	/** As every list writes the person. */
	listed: string;
	/** As the badge prints them (no honorific). */
	badge: string;
	/** What the check-in desk types to find them. */
	search: string;
};

const PEOPLE: Person[] = [
	{
		form: { honorific: 'Mr.', givenName: '', familyName: 'Suharto', delegation: 'ID' },
		listed: 'Mr. Suharto',
		badge: 'Suharto',
		search: 'suharto'
	},
	{
		form: { honorific: 'Ms.', givenName: 'Thị Minh Khai', familyName: 'Nguyễn', delegation: 'VN' },
		listed: 'Ms. NGUYỄN Thị Minh Khai',
		badge: 'NGUYỄN Thị Minh Khai',
		search: 'nguyen khai'
	},
	{
		form: {
			honorific: 'Mr.',
			givenName: 'Hiroshi',
			familyName: 'Tanaka',
			nativeName: '田中 宏',
			delegation: 'JP'
		},
		listed: 'Mr. TANAKA Hiroshi',
		badge: 'TANAKA Hiroshi',
		search: '田中'
	}
];

let event: Awaited<ReturnType<typeof makeEvent>>;
let visitId: number;
let organizer: Actor;

beforeAll(async () => {
	event = await makeEvent({ time_zone: TZ, starts_on: '2027-02-15', ends_on: '2027-02-19' });
	const user = await makeStaff();
	await addEventStaff(event.id, user.id, 'organizer');
	organizer = staffActor(user);
	const delegations = new Map<string, number>();
	for (const [code, name] of [
		['ID', 'Indonesia'],
		['VN', 'Viet Nam'],
		['JP', 'Japan']
	]) {
		delegations.set(code, (await makeDelegation(event.id, code, { name })).id);
	}
	const schema = registrationSchema({
		collectVisa: false,
		delegationIds: [...delegations.values()],
		timeZone: event.time_zone,
		endsOn: event.ends_on
	});
	visitId = await createVisit(organizer, event, visitInput());
	for (const [i, person] of PEOPLE.entries()) {
		const { delegation, ...fields } = person.form;
		// The badge name is left empty, as most people leave it: the form derives it.
		const values = schema.parse({
			...fields,
			badgeName: '',
			position: 'Director-General',
			organisation: 'Ministry of Social Affairs',
			delegationId: String(delegations.get(delegation)),
			category: 'head_of_delegation',
			email: `names-agree-${i}-${event.id}@example.org`,
			phone: '+62 21 345 6789',
			dietary: 'halal',
			accommodation: 'Sofitel Phnom Penh',
			consentDataProcessing: 'on'
		});
		const result = await registerDelegate({
			eventId: event.id,
			values,
			submissionKey: submissionKey(),
			ip: '198.51.100.23'
		});
		expect(result.status).toBe('confirmed');
		await signUp(result.registrationId, visitId);
	}
});

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('one person, one name on every list', () => {
	it('stores the badge name the form derives in the same convention', async () => {
		const rows = await db()
			.selectFrom('registrations')
			.select(['family_name', 'badge_name', 'native_name'])
			.where('event_id', '=', event.id)
			.orderBy('id')
			.execute();
		expect(rows.map((r) => r.badge_name)).toEqual(PEOPLE.map((p) => p.badge));
		expect(rows[2].native_name).toBe('田中 宏');
	});

	it('writes each person the same on the List of Participants, the manifest, check-in and logistics', async () => {
		const lop = (await listOfParticipants(event)).groups.flatMap((g) =>
			g.participants.map((p) => p.name)
		);
		const manifest = (await visitManifest(db(), visitId)).map((r) => r.name);
		const dietary = (await dietaryAndAccess(organizer, event.id)).people.map((p) => p.name);
		const hotels = (await accommodationList(organizer, event.id, event.time_zone)).hotels.flatMap(
			(h) => h.people.map((p) => p.name)
		);
		for (const person of PEOPLE) {
			const found = await findForCheckin(organizer, event.id, person.search);
			const atDesk = found.kind === 'names' ? found.people.map((p) => p.name) : [];
			const lists = { lop, manifest, atDesk, dietary, hotels };
			for (const [list, names] of Object.entries(lists)) {
				expect(names, `${person.listed} on ${list}`).toContain(person.listed);
			}
		}
		// Nothing else: no reordered or differently capitalised spelling of anyone.
		const everyone = PEOPLE.map((p) => p.listed).sort();
		for (const names of [lop, manifest, dietary, hotels])
			expect([...names].sort()).toEqual(everyone);
	});

	it('finds a person at the desk by reference with the same name', async () => {
		const row = await db()
			.selectFrom('registrations')
			.select('reference')
			.where('event_id', '=', event.id)
			.where('family_name', '=', 'Suharto')
			.executeTakeFirstOrThrow();
		const found = await findForCheckin(organizer, event.id, row.reference.toLowerCase());
		expect(found.kind === 'reference' && found.person.name).toBe('Mr. Suharto');
	});

	it('prints each badge with the same name, without the honorific', async () => {
		const admin = await localsFor((await makeStaff({ admin: true })).id);
		const response = await call(badgesGet, staffRequest(admin, event.slug, 'exports/badges.pdf'));
		expect(response.status).toBe(200);
		const text = squash(await pdfText(await bytes(response), false));
		for (const person of PEOPLE) expect(text).toContain(person.badge);
		expect(text).not.toContain('SUHARTO');
		expect(text).not.toContain('Thị Minh Khai Nguyễn');
	});
});
