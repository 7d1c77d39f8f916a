import { createHash, createPublicKey, verify } from 'node:crypto';
import { publicJwk } from '../../src/lib/server/documents/credential.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import {
	issueDocuments,
	reissueDocument,
	requestVisaLetter,
	setAddressee,
	voidDocument
} from '../../src/lib/server/documents/document.service.ts';
import {
	issueCertificates,
	issueInvitationLetters,
	requestVisaLettersForAll
} from '../../src/lib/server/documents/document-batch.service.ts';
import {
	documentsOverview,
	emailOwnCertificate,
	ownCredential,
	ownDocumentPdf,
	ownDocuments,
	staffDocumentPdf
} from '../../src/lib/server/documents/document-access.service.ts';
import {
	verifyCode,
	verifyCredentialText
} from '../../src/lib/server/documents/verification.service.ts';
import { saveTemplate } from '../../src/lib/server/documents/template.service.ts';
import { setNow } from '../../src/lib/server/clock.ts';
import { checkIn } from '../../src/lib/server/checkin/checkin.service.ts';
import { delegateActor, domainError, eventWithPeople } from '../helpers/event-actors.ts';
import { makeDelegation, makeRegistration } from '../helpers/factories.ts';
import { useSmtpSink } from '../helpers/outbox.ts';
import { pdfText } from '../helpers/pdf.ts';
import { randomIp } from '../helpers/request-event.ts';
import { seedDemo } from '../../src/lib/server/seed/seed.ts';

// Visa support letters and certificates from request to verification: numbers per event, the
// letter's text as pdftotext reads it (Vietnamese and Japanese names, the Japanese letterhead),
// identical re-downloads, voiding and re-issuing, the e-mail without passport data, /verify.

const sink = useSmtpSink();

const VISA = {
	passportNumber: 'C7654321',
	passportExpiry: '2031-05-20',
	dateOfBirth: '1975-08-14'
};

async function setup() {
	const people = await eventWithPeople({
		collect_visa_support: true,
		code: `HL${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
		starts_on: '2027-02-15',
		ends_on: '2027-02-19'
	});
	const vn = await makeDelegation(people.event.id, 'VN', { name: 'Viet Nam' });
	const jp = await makeDelegation(people.event.id, 'JP', { name: 'Japan' });
	const person = async (
		delegation: typeof vn,
		names: { honorific: string; family_name: string; given_name: string },
		nationality: string
	) => {
		const r = await makeRegistration(people.event, delegation, {
			...names,
			position: 'Director',
			organisation: 'Ministry'
		});
		return db()
			.updateTable('registrations')
			.set({ nationality, visa_data_enc: encryptVisaData(VISA) })
			.where('id', '=', r.id)
			.returningAll()
			.executeTakeFirstOrThrow();
	};
	const nguyen = await person(
		vn,
		{ honorific: 'Ms.', family_name: 'Nguyễn', given_name: 'Thị Minh Khai' },
		'VN'
	);
	const yamamoto = await person(
		jp,
		{ honorific: 'Mr.', family_name: '山本', given_name: '博' },
		'JP'
	);
	return { ...people, nguyen, yamamoto };
}

describe('visa support letters', () => {
	it('are requested, issued with numbers per event, render exactly and download identically', async () => {
		const s = await setup();
		await saveTemplate(
			s.organizer,
			s.event,
			'visa_letter',
			{
				bodyMd:
					'To: {{embassy}}\n\nName: {{passport.name}}\n\nPassport {{passport.number}}, {{delegate.formal_name}}, {{delegation.name}}',
				issuerEn: 'Ministry of Health, Labour and Welfare',
				issuerJa: '厚生労働省',
				issuerAddress: undefined,
				signatoryName: 'Tanaka Ichiro',
				signatoryTitle: 'Director'
			},
			{ logo: null, signature: null, removeLogo: false, removeSignature: false }
		);
		const a = await requestVisaLetter(delegateActor(s.nguyen.user_id), s.nguyen, s.event);
		const b = await requestVisaLetter(delegateActor(s.yamamoto.user_id), s.yamamoto, s.event);
		const twice = await domainError(
			requestVisaLetter(delegateActor(s.nguyen.user_id), s.nguyen, s.event)
		);
		expect(twice.message).toMatch(/already asked/);
		await setAddressee(s.secretariat, s.event.id, b, 'Consulate-General of Japan in Osaka');

		expect(await issueDocuments(s.secretariat, s.event.id, [a, b])).toBe(2);
		const overview = await documentsOverview(s.secretariat, s.event);
		expect(overview.visa.map((d) => d.number).sort()).toEqual([
			`${s.event.code}/VISA/001`,
			`${s.event.code}/VISA/002`
		]);

		const own = await ownDocuments(s.nguyen);
		expect(own).toHaveLength(1);
		const pdf = await ownDocumentPdf(s.nguyen, s.event, own[0].id);
		const text = await pdfText(pdf.bytes, false);
		expect(text).toContain('厚生労働省');
		expect(text).toContain('Ministry of Health, Labour and Welfare');
		expect(text).toContain('Ms. NGUYỄN Thị Minh Khai');
		expect(text).toContain('Passport C7654321');
		expect(text).toContain('Embassy of Japan in Viet Nam, Hanoi');
		expect(text).toContain(own[0].number!);

		const jpText = await pdfText(
			(await staffDocumentPdf(s.secretariat, s.event.id, b)).bytes,
			false
		);
		expect(jpText).toContain('Mr. 山本 博');
		expect(jpText).toContain('Consulate-General of Japan in Osaka');

		// The same bytes as at issue, and as on the next download.
		const again = await ownDocumentPdf(s.nguyen, s.event, own[0].id);
		expect(Buffer.from(again.bytes).equals(Buffer.from(pdf.bytes))).toBe(true);
		const stored = await db()
			.selectFrom('documents')
			.select('pdf_sha256')
			.where('id', '=', a)
			.executeTakeFirstOrThrow();
		expect(Buffer.from(stored.pdf_sha256!).toString('hex')).toBe(
			createHash('sha256').update(pdf.bytes).digest('hex')
		);

		// Mail says where to download, never the passport number; the audit neither.
		await sink.deliver();
		const mail = sink.messages.find((m) => JSON.stringify(m.to).includes(s.nguyen.email));
		expect(mail?.subject).toContain(`${s.event.code}/VISA/001`);
		expect(mail?.text).toContain(`/me/registrations/${s.nguyen.reference}/documents`);
		expect(JSON.stringify(mail)).not.toContain('C7654321');
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'diff'])
			.where('event_id', '=', s.event.id)
			.execute();
		expect(audit.map((r) => r.action)).toContain('document.issued');
		expect(JSON.stringify(audit)).not.toContain('C7654321');
	});

	it('verify as genuine, then void once re-issued; the credential verifies and fails when changed', async () => {
		const s = await setup();
		const id = await requestVisaLetter(delegateActor(s.nguyen.user_id), s.nguyen, s.event);
		await issueDocuments(s.organizer, s.event.id, [id]);
		const [issued] = await ownDocuments(s.nguyen);
		const ip = randomIp();
		const valid = await verifyCode(issued.code!.toLowerCase(), ip);
		expect(valid).toMatchObject({ state: 'valid', holder: 'Ms. NGUYỄN Thị Minh Khai' });
		expect(JSON.stringify(valid)).not.toContain('C7654321');
		expect(valid).toMatchObject({ kind: 'Visa support letter' });
		// The page in Japanese: the kind and the dates in Japanese.
		const ja = await inLocale('ja', () => verifyCode(issued.code!, ip));
		expect(ja).toMatchObject({ kind: '招へい状' });
		expect(ja.state === 'valid' && ja.eventDates).toMatch(/^\d{4}年\d+月\d+日～/);
		expect(ja.state === 'valid' && ja.issuedOn).toMatch(/^\d{4}年\d+月\d+日$/);

		const credential = await ownCredential(s.nguyen, s.event, issued.id);
		expect(await verifyCredentialText(credential.jws, ip)).toMatchObject({ state: 'valid' });
		const [h, p, sig] = credential.jws.split('.');
		const payload = Buffer.from(p, 'base64url');
		payload[payload.indexOf('N'.charCodeAt(0))] = 'M'.charCodeAt(0);
		const changed = `${h}.${payload.toString('base64url')}.${sig}`;
		expect(await verifyCredentialText(changed, ip)).toEqual({ state: 'forged' });

		const newId = await reissueDocument(s.organizer, s.event.id, issued.id);
		const docs = await ownDocuments(s.nguyen);
		expect(docs.find((d) => d.id === newId)?.number).toBe(`${s.event.code}/VISA/002`);
		expect(await verifyCode(issued.code!, ip)).toMatchObject({ state: 'void' });
		expect(await verifyCredentialText(credential.jws, ip)).toMatchObject({ state: 'void' });
		expect(await verifyCode('ZZZZ-ZZZZ-ZZZZ', ip)).toMatchObject({ state: 'unknown' });
		// A void letter no longer downloads.
		expect((await domainError(ownDocumentPdf(s.nguyen, s.event, issued.id))).code).toBe(
			'not_found'
		);

		// The public key checks the credential offline, as a verifier would with any JOSE library.
		const key = createPublicKey({ key: publicJwk(), format: 'jwk' });
		const [head, body, signature] = credential.jws.split('.');
		expect(
			verify(null, Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url'))
		).toBe(true);
		const vc = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
		expect(vc.type).toContain('VerifiableCredential');
		expect(JSON.stringify(vc)).not.toContain('C7654321');

		// Once the passport data is deleted (on request, or after retention), no letter prints.
		await db()
			.updateTable('registrations')
			.set({ visa_data_enc: null })
			.where('id', '=', s.nguyen.id)
			.execute();
		const erased = { ...s.nguyen, visa_data_enc: null };
		expect((await domainError(ownDocumentPdf(erased, s.event, newId))).message).toMatch(
			/passport details this letter states have been deleted/
		);

		await voidDocument(s.organizer, s.event.id, newId, 'Travel cancelled');
		expect((await ownDocuments(s.nguyen)).every((d) => d.status === 'void')).toBe(true);
		await sink.deliver();
		const withdrawn = sink.messages.find((m) =>
			m.subject?.includes(`${s.event.code}/VISA/002 withdrawn`)
		);
		expect(withdrawn?.text).toContain('The secretariat wrote: Travel cancelled');

		// The secretariat prepares letters for everyone else who gave passport details, once.
		expect(await requestVisaLettersForAll(s.secretariat, s.event.id)).toBe(1);
		expect(await requestVisaLettersForAll(s.secretariat, s.event.id)).toBe(0);
		const [prepared] = await ownDocuments(s.yamamoto);
		expect(prepared.status).toBe('requested');
		expect((await domainError(requestVisaLettersForAll(s.checkin, s.event.id))).code).toBe(
			'forbidden'
		);
	});

	it('are refused without passport data, on events without visa support, and to the wrong people', async () => {
		const s = await setup();
		const bare = await db()
			.updateTable('registrations')
			.set({ visa_data_enc: null })
			.where('id', '=', s.yamamoto.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		expect(
			(await domainError(requestVisaLetter(delegateActor(bare.user_id), bare, s.event))).message
		).toMatch(/passport details/);
		expect(
			(await domainError(requestVisaLetter(delegateActor(bare.user_id), s.nguyen, s.event))).code
		).toBe('forbidden');
		const id = await requestVisaLetter(delegateActor(s.nguyen.user_id), s.nguyen, s.event);
		expect((await domainError(issueDocuments(s.checkin, s.event.id, [id]))).code).toBe('forbidden');
		expect((await domainError(issueDocuments(s.stranger, s.event.id, [id]))).code).toBe(
			'forbidden'
		);
		expect((await domainError(voidDocument(s.checkin, s.event.id, id, 'x'))).code).toBe(
			'forbidden'
		);
		const noVisa = { ...s.event, collect_visa_support: false };
		expect(
			(await domainError(requestVisaLetter(delegateActor(s.yamamoto.user_id), s.yamamoto, noVisa)))
				.message
		).toMatch(/does not offer/);
	});
});

describe('certificates of attendance', () => {
	it('go to checked-in participants from the last day, with the days attended, and by e-mail on request', async () => {
		const s = await setup();
		try {
			// Checked in at the desk on the 16th, 17th and 19th (Tokyo mornings), not on the 18th.
			for (const at of ['2027-02-16T00:30:00Z', '2027-02-17T00:10:00Z', '2027-02-19T00:20:00Z']) {
				setNow(new Date(at));
				await checkIn(s.checkin, s.event.id, s.nguyen.id);
			}
			setNow(new Date('2027-02-17T03:00:00Z'));
			expect((await domainError(issueCertificates(s.secretariat, s.event.id))).message).toMatch(
				/last day/
			);
			setNow(new Date('2027-02-19T08:00:00Z'));
			expect(await issueCertificates(s.secretariat, s.event.id)).toBe(1);
			expect(await issueCertificates(s.secretariat, s.event.id)).toBe(0);
		} finally {
			setNow(undefined);
		}
		const [certificate] = await ownDocuments(s.nguyen);
		expect(certificate.number).toBe(`${s.event.code}/CERT/001`);
		const text = await pdfText(
			(await ownDocumentPdf(s.nguyen, s.event, certificate.id)).bytes,
			false
		);
		expect(text).toContain('Ms. NGUYỄN Thị Minh Khai');
		expect(text).toContain('3 days (16–17 February 2027 and 19 February 2027)');
		expect(text).not.toContain('C7654321');
		expect(await ownDocuments(s.yamamoto)).toEqual([]);

		await emailOwnCertificate(s.nguyen, s.event, certificate.id);
		await sink.deliver();
		const mail = sink.messages.find((m) => m.subject?.startsWith('Certificate of attendance'));
		expect(mail?.attachments?.[0]?.filename).toBe(`${s.event.code}-CERT-001.pdf`);
	});
});

describe('invitation letters', () => {
	it('go to every confirmed participant once, without passport data', async () => {
		const s = await setup();
		expect(await issueInvitationLetters(s.secretariat, s.event.id)).toBe(2);
		expect(await issueInvitationLetters(s.secretariat, s.event.id)).toBe(0);
		const [letter] = await ownDocuments(s.yamamoto);
		expect(letter.number).toMatch(new RegExp(`^${s.event.code}/INV/00[12]$`));
		const text = await pdfText((await ownDocumentPdf(s.yamamoto, s.event, letter.id)).bytes, false);
		expect(text).toContain('Dear Mr. 山本 博,');
		expect(text).not.toContain('C7654321');
		expect((await domainError(issueInvitationLetters(s.checkin, s.event.id))).code).toBe(
			'forbidden'
		);
	});
});

describe('the demo data', () => {
	it('has visa letters requested, issued and one void and letters to focal points on the 6th meeting, and certificates on the 5th', async () => {
		await seedDemo(db());
		await seedDemo(db());
		const counts = await db()
			.selectFrom('documents as doc')
			.innerJoin('events as e', 'e.id', 'doc.event_id')
			.select(['e.slug', 'doc.kind', 'doc.status', (eb) => eb.fn.countAll<string>().as('n')])
			.where('e.slug', 'in', ['hlom-6', 'hlom-5'])
			.groupBy(['e.slug', 'doc.kind', 'doc.status'])
			.orderBy('e.slug')
			.orderBy('doc.kind')
			.orderBy('doc.status')
			.execute();
		expect(counts.map((c) => `${c.slug} ${c.kind} ${c.status} ${c.n}`)).toEqual([
			expect.stringMatching(/^hlom-5 certificate issued [1-9]\d*$/),
			expect.stringMatching(/^hlom-6 delegation_letter issued [1-9]\d*$/),
			'hlom-6 visa_letter issued 3',
			'hlom-6 visa_letter requested 2',
			'hlom-6 visa_letter void 1'
		]);
	});
});
