import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import {
	delegationInvitationLetters,
	ownDelegationLetterCredential,
	ownDelegationLetterPdf
} from '../../src/lib/server/delegations/delegation-documents.service.ts';
import { focalPointFor } from '../../src/lib/server/delegations/delegation-page.service.ts';
import {
	delegationLettersOverview,
	issueDelegationLetters
} from '../../src/lib/server/documents/delegation-letter.service.ts';
import { staffDocumentPdf } from '../../src/lib/server/documents/document-access.service.ts';
import { reissueDocument, voidDocument } from '../../src/lib/server/documents/document.service.ts';
import {
	verifyCode,
	verifyCredentialText
} from '../../src/lib/server/documents/verification.service.ts';
import * as documentsPage from '../../src/routes/admin/events/[slug]/documents/+page.server.ts';
import * as detailPage from '../../src/routes/admin/events/[slug]/delegations/[code]/+page.server.ts';
import { domainError, eventWithPeople } from '../helpers/event-actors.ts';
import { makeDelegation } from '../helpers/factories.ts';
import { signedInFocalPoint } from '../helpers/focal-point.ts';
import {
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import { pdfText } from '../helpers/pdf.ts';
import { randomIp, routeEvent } from '../helpers/request-event.ts';
import fc from 'fast-check';

// The letter of invitation to a delegation, addressed to its focal point: the places by category,
// the event, its dates and the nomination deadline; numbered per event, verifiable on /verify,
// e-mailed to the focal point with the letter attached and downloadable from their page only.

async function setup() {
	const s = await eventWithPeople({
		code: `DL${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
		title: 'ASEAN and Japan High Level Officials Meeting on Caring Societies',
		starts_on: '2027-02-15',
		ends_on: '2027-02-19'
	});
	s.event.nomination_deadline = new Date('2027-01-15T08:00:00Z');
	await db()
		.updateTable('events')
		.set({ nomination_deadline: s.event.nomination_deadline })
		.where('id', '=', s.event.id)
		.execute();
	const vn = await makeDelegation(s.event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(s.event.id, 'TH', { name: 'Thailand' });
	const noFocalPoint = await makeDelegation(s.event.id, 'LA', { name: 'Lao PDR' });
	await db()
		.insertInto('delegation_quotas')
		.values([
			{ delegation_id: vn.id, category: 'head_of_delegation', quota: 1 },
			{ delegation_id: vn.id, category: 'delegate', quota: 2 },
			{ delegation_id: vn.id, category: 'observer', quota: 1 }
		])
		.execute();
	const code = s.event.code.toLowerCase();
	const vnFocal = await signedInFocalPoint(
		s.organizer,
		s.event.id,
		vn.id,
		`vn-${code}@example.org`
	);
	const thFocal = await signedInFocalPoint(
		s.organizer,
		s.event.id,
		th.id,
		`th-${code}@example.org`
	);
	const context = (f: typeof vnFocal) => focalPointFor(f.token, f.userId);
	return { ...s, vn, th, noFocalPoint, vnFocal, thFocal, context };
}

async function mailsOf(eventId: number, template: string) {
	return db()
		.selectFrom('emails')
		.select(['recipient', 'subject', 'text_body', 'attachments'])
		.where('event_id', '=', eventId)
		.where('template', '=', template)
		.orderBy('id')
		.execute();
}

describe('letters of invitation to focal points', () => {
	it('are issued to every delegation with a focal point, numbered, e-mailed and verifiable', async () => {
		const s = await setup();
		expect(await issueDelegationLetters(s.secretariat, s.event.id, null)).toBe(2);
		// Issued once: nothing is waiting any more, and Lao PDR (no focal point) gets none.
		expect(await issueDelegationLetters(s.organizer, s.event.id, null)).toBe(0);
		const overview = await delegationLettersOverview(s.secretariat, s.event);
		expect(overview.waiting).toEqual([]);
		// Numbered per event in the delegations' order.
		expect(overview.letters.map((l) => [l.status, l.number]).sort()).toEqual([
			['issued', `${s.event.code}/DEL/001`],
			['issued', `${s.event.code}/DEL/002`]
		]);
		const vnLetter = overview.letters.find((l) => l.delegation === 'Viet Nam')!;

		// The text as pdftotext reads it: the addressee, the places, the event, the deadline.
		const file = await staffDocumentPdf(s.secretariat, s.event.id, vnLetter.id);
		const text = (await pdfText(file.bytes, false)).replace(/\s+/g, ' ');
		expect(text).toContain('Focal Point');
		expect(text).toContain('delegation of Viet Nam');
		expect(text).toContain('1 head of delegation, 2 delegates and 1 observer');
		expect(text).toContain('ASEAN and Japan High Level Officials Meeting on Caring Societies');
		expect(text).toContain('15–19 February 2027');
		expect(text).toContain('by 15 January 2027, 17:00 Tokyo time (UTC+9)');
		expect(text).toContain(vnLetter.number);

		// Each focal point gets their own delegation's letter attached.
		const mails = await mailsOf(s.event.id, 'document.delegation_letter.issued');
		const code = s.event.code.toLowerCase();
		expect(mails.map((m) => m.recipient).sort()).toEqual([
			`th-${code}@example.org`,
			`vn-${code}@example.org`
		]);
		const vnMail = mails.find((m) => m.recipient.startsWith('vn-'))!;
		expect(vnMail.subject).toContain(vnLetter.number);
		expect(vnMail.attachments).toMatchObject([{ contentType: 'application/pdf' }]);

		// /verify names the holder and the event; the credential verifies too.
		const verdict = await verifyCode(vnLetter.code!, randomIp());
		expect(verdict).toMatchObject({
			state: 'valid',
			kind: 'Invitation letter to a focal point',
			number: vnLetter.number,
			holder: 'Focal Point, focal point of the delegation of Viet Nam',
			event: 'ASEAN and Japan High Level Officials Meeting on Caring Societies'
		});
		expect((await verifyCredentialText('not.a.credential', randomIp())).state).toBe('forged');
		const credential = await ownDelegationLetterCredential(await s.context(s.vnFocal), vnLetter.id);
		expect(await verifyCredentialText(credential.jws, randomIp())).toMatchObject({
			state: 'valid',
			number: vnLetter.number
		});
		const th = await s.context(s.thFocal);
		expect((await domainError(ownDelegationLetterCredential(th, vnLetter.id))).code).toBe(
			'not_found'
		);
	});

	it('are downloaded by their own focal point only, and shown on their page', async () => {
		const s = await setup();
		await issueDelegationLetters(s.organizer, s.event.id, [s.vn.id]);
		const [letter] = (await delegationLettersOverview(s.organizer, s.event)).letters;
		const vn = await s.context(s.vnFocal);
		const th = await s.context(s.thFocal);
		const pdf = await ownDelegationLetterPdf(vn, letter.id);
		expect(pdf.content_type).toBe('application/pdf');
		expect((await domainError(ownDelegationLetterPdf(th, letter.id))).code).toBe('not_found');
		expect(await delegationInvitationLetters(vn)).toMatchObject([
			{ id: letter.id, status: 'issued', number: `${s.event.code}/DEL/001` }
		]);
		expect(await delegationInvitationLetters(th)).toEqual([]);

		// The secretariat's page of the delegation shows the letter in force.
		const detail = (await detailPage.load(
			routeEvent({
				locals: s.secretariat.locals,
				path: `/admin/events/${s.event.slug}/delegations/VN`,
				params: { slug: s.event.slug, code: 'VN' }
			}) as never
		)) as { invitationLetters: unknown };
		expect(detail.invitationLetters).toEqual([
			{ id: letter.id, status: 'issued', number: `${s.event.code}/DEL/001` }
		]);
	});

	it('are issued by the organizer and the secretariat only; a delegation without a focal point is refused', async () => {
		const s = await setup();
		for (const who of [s.checkin, s.stranger]) {
			expect((await domainError(issueDelegationLetters(who, s.event.id, null))).code).toBe(
				'forbidden'
			);
		}
		const refused = await domainError(
			issueDelegationLetters(s.organizer, s.event.id, [s.noFocalPoint.id])
		);
		expect(refused.message).toMatch(/no focal point/);
	});

	it('void with their number, and a re-issue takes the next number', async () => {
		const s = await setup();
		await issueDelegationLetters(s.organizer, s.event.id, [s.vn.id]);
		const [first] = (await delegationLettersOverview(s.organizer, s.event)).letters;
		const second = await reissueDocument(s.secretariat, s.event.id, first.id);
		const letters = (await delegationLettersOverview(s.organizer, s.event)).letters;
		expect(letters.map((l) => [l.id, l.status, l.number, l.reissued])).toEqual([
			[second, 'issued', `${s.event.code}/DEL/002`, true],
			[first.id, 'void', `${s.event.code}/DEL/001`, false]
		]);
		expect(await verifyCode(first.code!, randomIp())).toMatchObject({ state: 'void' });

		await voidDocument(s.secretariat, s.event.id, second, 'Quota changed');
		expect(await verifyCode(letters[0].code!, randomIp())).toMatchObject({ state: 'void' });
		const told = await mailsOf(s.event.id, 'document.delegation_letter.voided');
		expect(told.map((m) => m.recipient)).toEqual([`vn-${s.event.code.toLowerCase()}@example.org`]);
		expect(told[0].text_body).toContain('Quota changed');
		// Voided, the delegation waits for a new letter; its focal point sees the withdrawn one.
		expect(
			(await delegationLettersOverview(s.organizer, s.event)).waiting.map((d) => d.name)
		).toContain('Viet Nam');
		expect(
			(await delegationInvitationLetters(await s.context(s.vnFocal))).map((l) => l.status)
		).toEqual(['void', 'void']);
	});

	it('the documents page’s issue form takes any delegation id calmly', async () => {
		const s = await setup();
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					hostileString(),
					fc.constant(String(s.vn.id)),
					fc.constant(String(s.noFocalPoint.id))
				),
				async (delegationId) => {
					const result = await outcome(() =>
						documentsPage.actions.delegationLetters(
							routeEvent({
								locals: s.secretariat.locals,
								path: `/admin/events/${s.event.slug}/documents?/delegationLetters`,
								params: { slug: s.event.slug },
								form: { delegationId }
							}) as never
						)
					);
					expectNoCrash(result, { delegationId });
					if (result.kind === 'fail') expectClearRefusal(result, { delegationId });
				}
			),
			RUNS
		);
	});
});
