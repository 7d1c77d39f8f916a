import { beforeAll, describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { REISSUED, voidReasonText } from '../../src/lib/server/documents/defaults.ts';
import { inviteOne } from '../../src/lib/server/invitations/invitation.service.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import * as announcementsPage from '../../src/routes/admin/events/[slug]/announcements/+page.server.ts';
import * as invitationsPage from '../../src/routes/admin/events/[slug]/invitations/+page.server.ts';
import * as newInvitationPage from '../../src/routes/admin/events/[slug]/invitations/new/+page.server.ts';
import * as registrationPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/+page.server.ts';
import * as newRegistrationPage from '../../src/routes/admin/events/[slug]/registrations/new/+page.server.ts';
import * as visitsPage from '../../src/routes/admin/events/[slug]/visits/+page.server.ts';
import * as manifestPage from '../../src/routes/admin/events/[slug]/visits/[id]/manifest/+page.server.ts';
import * as rollCallPage from '../../src/routes/admin/events/[slug]/visits/[id]/rollcall/+page.server.ts';
import * as delegationPage from '../../src/routes/admin/events/[slug]/delegations/[code]/+page.server.ts';
import * as templatePage from '../../src/routes/admin/events/[slug]/documents/templates/[kind]/+page.server.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { invitationInput, makeDelegation, makeRegistration } from '../helpers/factories.ts';
import { localsFor, outcomeIn, type Locals } from '../helpers/request-event.ts';
import { addVisit, makeWorkshop, writePrivacyNoticeInTwoLanguages } from '../helpers/visits.ts';

// A Japanese staff member's pages name what the organizer wrote in Japanese in Japanese: the
// delegations on the invitations list and in every choice of a delegation, a registration's
// delegation, the field visits with their stops on the list, the manifest and the roll call,
// and the privacy notice on the form staff fill in for someone. English pages keep the English.

let w: Awaited<ReturnType<typeof makeWorkshop>>;
let reader: Locals;
let visitId: number;
let reference: string;

beforeAll(async () => {
	setNow(new Date('2027-01-10T00:00:00Z'));
	w = await makeWorkshop();
	reader = await localsFor(w.organizer.id);
	const who = await makeDelegation(w.event.id, 'WHO', {
		name: 'World Health Organization',
		kind: 'organisation'
	});
	await db()
		.updateTable('delegations')
		.set({ translations: JSON.stringify({ ja: { name: '世界保健機関' } }) as never })
		.where('id', '=', who.id)
		.execute();
	await writePrivacyNoticeInTwoLanguages(w.event.id);

	visitId = await addVisit(w);
	await db()
		.updateTable('field_visits')
		.set({
			translations: JSON.stringify({
				ja: { title: '中核病院の視察', meeting_point: 'ホテルのロビー' }
			}) as never
		})
		.where('id', '=', visitId)
		.execute();
	await db()
		.updateTable('field_visit_stops')
		.set({ translations: JSON.stringify({ ja: { place: 'カルメット病院' } }) as never })
		.where('visit_id', '=', visitId)
		.where('place', '=', 'Calmette Hospital')
		.execute();

	const person = await makeRegistration(w.event, w.delegation, {
		dietary: 'other',
		dietary_notes: 'No shellfish'
	});
	reference = person.reference;
	await signUp(person.id, visitId);
	const organizer = staffActor(w.organizer);
	await inviteOne(
		organizer,
		w.event.id,
		invitationInput('who-officer@example.org', { delegation: 'WHO' }),
		{ send: false }
	);
	await inviteOne(
		organizer,
		w.event.id,
		invitationInput('kh-officer@example.org', { delegation: 'KH' }),
		{ send: false }
	);
});

type Load = (event: never) => unknown;

/** A page's data as the organizer gets it in a language. */
async function dataOf(
	locale: 'en' | 'ja',
	page: { load: Load },
	path: string,
	params: Record<string, string> = {}
): Promise<Record<string, unknown>> {
	const result = await outcomeIn(locale, page.load, {
		locals: reader,
		path: `/admin/events/${w.event.slug}${path}`,
		params: { slug: w.event.slug, ...params }
	});
	expect(result.kind).toBe('data');
	return result.data as Record<string, unknown>;
}

const namesOf = (data: Record<string, unknown>, key = 'delegations') =>
	(data[key] as Array<{ name: string }>).map((d) => d.name);

describe('delegations on staff pages', () => {
	it('are named in Japanese on the invitations list', async () => {
		const data = await dataOf('ja', invitationsPage, '/invitations');
		const named = (data.invitations as Array<{ email: string; delegation_name: string }>).map(
			(i) => [i.email, i.delegation_name]
		);
		expect(named).toEqual(
			expect.arrayContaining([
				['who-officer@example.org', '世界保健機関'],
				['kh-officer@example.org', 'カンボジア']
			])
		);
	});

	it('are named in Japanese wherever one is chosen', async () => {
		const invite = await dataOf('ja', newInvitationPage, '/invitations/new');
		expect(namesOf(invite)).toEqual(['カンボジア', '世界保健機関']);
		const enter = await dataOf('ja', newRegistrationPage, '/registrations/new');
		expect(namesOf(enter)).toEqual(['カンボジア', '世界保健機関']);
		const announce = await dataOf('ja', announcementsPage, '/announcements');
		expect(namesOf(announce)).toEqual(['カンボジア', '世界保健機関']);
		expect((announce.visits as Array<{ title: string }>).map((v) => v.title)).toEqual([
			'中核病院の視察'
		]);
	});

	it('keep their English names for an English reader', async () => {
		const enter = await dataOf('en', newRegistrationPage, '/registrations/new');
		expect(namesOf(enter)).toEqual(['Cambodia', 'World Health Organization']);
		expect((enter.form as { privacyNotice: string }).privacyNotice).toBe(
			'Your details are used only to organise this workshop.'
		);
	});

	it('and on a registration’s page', async () => {
		const data = await dataOf('ja', registrationPage, `/registrations/${reference}`, {
			reference
		});
		expect(data.delegation).toEqual({ code: 'KH', name: 'カンボジア' });
	});
});

describe('the form staff fill in for someone', () => {
	it('shows the privacy notice in Japanese', async () => {
		const data = await dataOf('ja', newRegistrationPage, '/registrations/new');
		expect((data.form as { privacyNotice: string }).privacyNotice).toBe(
			'ご登録の情報は本ワークショップの運営にのみ利用します。'
		);
	});
});

describe('field visits on staff pages', () => {
	it('are listed with their Japanese titles and meeting points', async () => {
		const data = await dataOf('ja', visitsPage, '/visits');
		expect(data.visits).toEqual([
			expect.objectContaining({ title: '中核病院の視察', meetingPoint: 'ホテルのロビー' })
		]);
	});

	it('have a manifest in Japanese: title, stops and each traveller’s delegation', async () => {
		const data = await dataOf('ja', manifestPage, `/visits/${visitId}/manifest`, {
			id: String(visitId)
		});
		expect(data.visit).toMatchObject({ title: '中核病院の視察', meetingPoint: 'ホテルのロビー' });
		// A stop written only in English stays in English.
		expect((data.stops as Array<{ place: string }>).map((s) => s.place)).toEqual([
			'カルメット病院',
			'NGO clinic'
		]);
		expect((data.rows as Array<{ delegation: string }>).map((r) => r.delegation)).toEqual([
			'カンボジア'
		]);
	});

	it('have a roll call in Japanese', async () => {
		const data = await dataOf('ja', rollCallPage, `/visits/${visitId}/rollcall`, {
			id: String(visitId)
		});
		expect(data.visit).toMatchObject({ title: '中核病院の視察' });
		expect((data.stops as Array<{ place: string }>).map((s) => s.place)).toEqual([
			'出発: ホテルのロビー',
			'カルメット病院',
			'NGO clinic'
		]);
	});

	it('keep their English in English', async () => {
		const data = await dataOf('en', manifestPage, `/visits/${visitId}/manifest`, {
			id: String(visitId)
		});
		expect(data.visit).toMatchObject({ title: 'Referral hospital visit' });
		expect((data.rows as Array<{ delegation: string }>).map((r) => r.delegation)).toEqual([
			'Cambodia'
		]);
	});
});

describe('a document voided by a new issue', () => {
	it('says so in the reader’s language, and keeps the secretariat’s own words as written', () => {
		expect(voidReasonText(REISSUED, 'ja')).toBe('再発行のため');
		expect(voidReasonText(REISSUED, 'en')).toBe('Re-issued');
		expect(voidReasonText('Wrong passport number', 'ja')).toBe('Wrong passport number');
	});
});

describe('a document template’s editor', () => {
	it('says what each placeholder stands for in the reader’s language', async () => {
		const described = async (locale: 'en' | 'ja') => {
			const data = await dataOf(locale, templatePage, '/documents/templates/visa_letter', {
				kind: 'visa_letter'
			});
			return Object.fromEntries(
				(data.placeholders as Array<{ name: string; description: string }>).map((p) => [
					p.name,
					p.description
				])
			);
		};
		const ja = await described('ja');
		expect(ja['delegate.reference']).toBe('登録番号');
		expect(ja['passport.expiry']).toBe('旅券の有効期限');
		expect(ja['embassy']).toBe('宛先の大使館・総領事館');
		// A visa letter's placeholders only: a delegation letter's focal point is not among them.
		expect(ja['focal_point.name']).toBeUndefined();
		const en = await described('en');
		expect(en['delegate.reference']).toBe('Registration reference');
	});
});

describe('the note after adding a focal point', () => {
	it('names the delegation in the reader’s language', async () => {
		const result = await outcomeIn('ja', delegationPage.actions.addFocalPoint, {
			locals: reader,
			path: `/admin/events/${w.event.slug}/delegations/KH?/addFocalPoint`,
			params: { slug: w.event.slug, code: 'KH' },
			form: { name: 'Desk Officer', email: 'kh-desk@example.org' }
		});
		expect(result.kind).toBe('data');
		expect((result.data as { message: string }).message).toContain('カンボジア');
	});
});
