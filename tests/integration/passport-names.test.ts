import { beforeAll, describe, expect, it } from 'vitest';
import { registrationSchema } from '../../src/lib/schemas/registration.ts';
import { invitationSchema } from '../../src/lib/schemas/invitation.ts';
import { db } from '../../src/lib/server/db/database.ts';
import * as registerPage from '../../src/routes/events/[slug]/register/+page.server.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { accepted, outcome } from '../helpers/hostile.ts';
import { ANONYMOUS, routeEvent } from '../helpers/request-event.ts';
import { submissionKey } from '../helpers/registration-input.ts';

// "Name as in passport" (given and family name) takes Latin letters only, as ICAO Doc 9303
// passports print them: accents are fine ("Nguyễn Thị"), so are spaces, hyphens, apostrophes
// and full stops. A name in Thai or Japanese script is refused beside the field with plain
// words, and has its own field, printed on the badge and the List of Participants.

let event: Awaited<ReturnType<typeof makeEvent>>;
let delegationId: number;

beforeAll(async () => {
	event = await makeEvent({ registration_mode: 'open' });
	delegationId = (await makeDelegation(event.id, 'TH', { name: 'Thailand' })).id;
});

function form(names: Record<string, string>): Record<string, string> {
	return {
		honorific: 'H.E.',
		givenName: 'Siriporn',
		familyName: 'Arun',
		nativeName: '',
		position: 'Director',
		organisation: 'Ministry of Social Development and Human Security',
		delegationId: String(delegationId),
		category: 'delegate',
		email: `passport-${Math.random().toString(36).slice(2, 9)}@example.org`,
		phone: '+66 2 659 6200',
		dietary: 'none',
		consentDataProcessing: 'on',
		submissionKey: submissionKey(),
		...names
	};
}

async function register(values: Record<string, string>) {
	values = { ...values, emailConfirmation: values.email };
	return outcome(() =>
		registerPage.actions.default(
			routeEvent({
				locals: ANONYMOUS,
				path: `/events/${event.slug}/register`,
				params: { slug: event.slug },
				form: values
			})
		)
	);
}

describe('names as in the passport', () => {
	it.each([
		['familyName', 'อรุณ'],
		['givenName', 'ศิริพร'],
		['familyName', '山本'],
		['givenName', 'ដារ៉ា'],
		['familyName', 'Arun2'],
		['familyName', 'Ａｒｕｎ']
	])('refuses %s “%s” beside the field, keeping what was typed', async (field, typed) => {
		const values = form({ [field]: typed });
		const result = await register(values);
		expect(result.status).toBe(400);
		const data = result.data as { errors: Record<string, string>; values: Record<string, string> };
		expect(data.errors[field]).toMatch(/in Latin letters, as in your passport/);
		expect(data.errors[field]).toMatch(/own script has its own field/);
		expect(data.values[field]).toBe(typed);
		const stored = await db()
			.selectFrom('registrations')
			.select('id')
			.where('email', '=', values.email)
			.executeTakeFirst();
		expect(stored).toBeUndefined();
	});

	it('accepts accents, spaces, hyphens, apostrophes and full stops, and the name in its own script', async () => {
		const values = form({
			givenName: 'Thị Minh-Khai',
			familyName: "Nguyễn O'Đặng St.",
			nativeName: 'ศิริพร อรุณ'
		});
		expect(accepted(await register(values))).toBe(true);
		const row = await db()
			.selectFrom('registrations')
			.select(['given_name', 'family_name', 'native_name', 'honorific'])
			.where('email', '=', values.email)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			given_name: 'Thị Minh-Khai',
			family_name: "Nguyễn O'Đặng St.",
			native_name: 'ศิริพร อรุณ',
			honorific: 'H.E.'
		});
	});

	it('holds in the shared schema, as the browser checks it too', () => {
		const schema = registrationSchema({
			collectVisa: false,
			delegationIds: [1],
			timeZone: 'Asia/Bangkok',
			endsOn: '2027-02-18'
		});
		const base = { ...form({}), delegationId: '1' };
		expect(schema.safeParse(base).success).toBe(true);
		expect(schema.safeParse({ ...base, familyName: 'Nguye\u0302\u0303n' }).success).toBe(true);
		const thai = schema.safeParse({ ...base, familyName: 'สมชาย' });
		expect(thai.success).toBe(false);
		expect(thai.error?.issues.map((i) => i.path.join('.'))).toEqual(['familyName']);
	});
});

describe('invisible format characters in names', () => {
	// U+202E reverses what follows on a printed list; U+200B and U+FEFF hide inside a name.
	const RLO = '\u202E';
	const ZWSP = '\u200B';
	const ZWNJ = '\u200C';
	const ZWJ = '\u200D';

	it('are removed from every name before it is stored, joiners kept in the own-script name', async () => {
		const email = `format-${Math.random().toString(36).slice(2, 9)}@example.org`;
		const posted = await register(
			form({
				email,
				honorific: `${RLO}H.E.`,
				givenName: `Siri${ZWSP}porn`,
				familyName: `${RLO}Arun\uFEFF`,
				badgeName: `${RLO}Siriporn ${ZWJ}Arun`,
				// Persian writes a non-joiner inside words; Sinhala and Indic scripts use the joiner.
				nativeName: `${RLO}می${ZWNJ}خواهم ශ්${ZWJ}රී`,
				organisation: `Ministry${ZWSP} of Social Development`
			})
		);
		expect(posted.kind).toBe('redirect');
		const row = await db()
			.selectFrom('registrations')
			.select([
				'honorific',
				'given_name',
				'family_name',
				'badge_name',
				'native_name',
				'organisation'
			])
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			honorific: 'H.E.',
			given_name: 'Siriporn',
			family_name: 'Arun',
			badge_name: 'Siriporn Arun',
			native_name: `می${ZWNJ}خواهم ශ්${ZWJ}රී`,
			organisation: 'Ministry of Social Development'
		});
	});

	it('are removed from an invitation’s names, as typed or imported', () => {
		const parsed = invitationSchema.parse({
			honorific: `Mr.${ZWSP}`,
			givenName: `${RLO}Somchai`,
			familyName: `Jai${ZWSP}dee`,
			email: 'somchai@msdhs.example',
			delegation: 'TH',
			position: `Director${RLO}`
		});
		expect([parsed.honorific, parsed.givenName, parsed.familyName, parsed.position]).toEqual([
			'Mr.',
			'Somchai',
			'Jaidee',
			'Director'
		]);
	});

	it('leave a name made only of them empty, and so refused', () => {
		const result = invitationSchema.safeParse({
			familyName: `${RLO}${ZWSP}`,
			email: 'x@msdhs.example',
			delegation: 'TH'
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['familyName']);
	});
});
