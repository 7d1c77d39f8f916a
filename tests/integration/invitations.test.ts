import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	confirmImport,
	previewImport,
	uploadInvitationCsv
} from '../../src/lib/server/invitations/invitation-import.service.ts';
import {
	declineInvitation,
	viewInvitation
} from '../../src/lib/server/invitations/invitation-response.service.ts';
import {
	inviteOne,
	remindUnanswered,
	revokeInvitation,
	sendInvitation
} from '../../src/lib/server/invitations/invitation.service.ts';
import { GET as problemsCsv } from '../../src/routes/admin/events/[slug]/invitations/import/[id]/problems.csv/+server.ts';
import { GET as templateCsv } from '../../src/routes/admin/events/[slug]/invitations/template.csv/+server.ts';
import { bodyText } from '../helpers/exports.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { textAsSent } from '../helpers/outbox.ts';
import { eventRequest, localsFor } from '../helpers/request-event.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = 'honorific,given_name,family_name,email,delegation,organisation,position,category';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

async function setup() {
	const staff = await makeStaff();
	const event = await makeEvent({ registration_mode: 'invitation' });
	await addEventStaff(event.id, staff.id, 'organizer');
	await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	await makeDelegation(event.id, 'ASEC', { name: 'ASEAN Secretariat', kind: 'organisation' });
	const actor = { id: staff.id, name: staff.display_name, staff: true, admin: false };
	return { event, actor };
}

function mailsOf(eventId: number) {
	return db()
		.selectFrom('emails')
		.select(['recipient', 'template', 'dedupe_key', 'subject', 'text_body', 'html_body'])
		.where('event_id', '=', eventId)
		.orderBy('id')
		.execute();
}

/** The token in the newest mail that carries an invitation link for this address. */
async function tokenFor(email: string): Promise<string> {
	const row = await db()
		.selectFrom('emails')
		.select(['text_body', 'links_enc'])
		.where('recipient', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	return /\/invitations\/([a-z2-7]+)/.exec(textAsSent(row))![1];
}

const person = (email: string, delegation = 'TH') => ({
	honorific: 'Ms.',
	givenName: 'Malee',
	familyName: 'Srisuk',
	email,
	delegation,
	organisation: 'Ministry of Social Development and Human Security',
	position: 'Director',
	category: 'delegate' as const,
	personalMessage: 'We would be <b>glad</b> to see you.'
});

describe('CSV import', () => {
	let ctx: Awaited<ReturnType<typeof setup>>;
	beforeAll(async () => {
		setNow(undefined);
		ctx = await setup();
	});

	it('previews each row with its reason, sends nothing, then imports the valid rows at once', async () => {
		const { event, actor } = ctx;
		await inviteOne(actor, event.id, person('already@example.go.th'), { send: false });
		const csv = [
			HEADER,
			'Mr.,Somchai,Jaidee,somchai@example.go.th,TH,MSDHS,Director,head_of_delegation',
			'Ms.,Lan,Nguyen,lan@example.gov.vn,Viet Nam,MOLISA,Officer,Delegate',
			',,Kyaw,kyaw@example.org,MM,,,',
			'Dr.,Ana,Lima,not-an-address,TH,,,',
			'Mr.,Somchai,Jaidee,SOMCHAI@example.go.th,TH,MSDHS,Director,delegate',
			'Ms.,Already,Invited,already@example.go.th,TH,,,',
			',,Ratana,ratana@asean.org,asec,ASEAN Secretariat,,observer',
			',,,noname@example.org,TH,,,'
		].join('\n');
		const upload = await uploadInvitationCsv(actor, event.id, {
			name: 'invitees.csv',
			bytes: bytes(csv)
		});
		const preview = await previewImport(actor, event.id, upload.id);
		expect(preview.state).toBe('ready');
		expect(preview.rows.map((r) => [r.row, r.problems.join(' ') || null])).toEqual([
			[2, null],
			[3, null],
			[4, expect.stringMatching(/^Unknown delegation "MM"/)],
			[5, 'Malformed e-mail address "not-an-address".'],
			[6, 'Duplicate: the same e-mail as row 2.'],
			[7, 'Already invited to this event.'],
			[8, null],
			[9, 'Family name is required']
		]);
		expect(preview.valid).toBe(3);
		expect(preview.invalid).toBe(5);
		expect(await mailsOf(event.id)).toEqual([]);
		expect(
			await db()
				.selectFrom('invitations')
				.select('email')
				.where('event_id', '=', event.id)
				.execute()
		).toHaveLength(1);

		const result = await confirmImport(actor, event.id, upload.id);
		expect(result).toEqual({ created: 3, skipped: 5 });
		const invitations = await db()
			.selectFrom('invitations')
			.innerJoin('delegations', 'delegations.id', 'invitations.delegation_id')
			.select(['email', 'status', 'category', 'delegations.code', 'sent_at'])
			.where('invitations.event_id', '=', event.id)
			.orderBy('email')
			.execute();
		expect(invitations.map((i) => [i.email, i.status, i.category, i.code])).toEqual([
			['already@example.go.th', 'pending', 'delegate', 'TH'],
			['lan@example.gov.vn', 'sent', 'delegate', 'VN'],
			['ratana@asean.org', 'sent', 'observer', 'ASEC'],
			['somchai@example.go.th', 'sent', 'head_of_delegation', 'TH']
		]);
		const mails = await mailsOf(event.id);
		expect(mails.map((m) => m.recipient).sort()).toEqual([
			'lan@example.gov.vn',
			'ratana@asean.org',
			'somchai@example.go.th'
		]);
		expect(mails.every((m) => /^invitation-\d+$/.test(m.dedupe_key))).toBe(true);
		expect(mails[0].subject).toBe(`Invitation: ${event.title}`);
		// Confirming twice creates nothing more.
		expect((await failure(confirmImport(actor, event.id, upload.id))).code).toBe('conflict');
		expect(await mailsOf(event.id)).toHaveLength(3);
	});

	it('imports the downloaded template unchanged without a single problem', async () => {
		const { event, actor } = ctx;
		const caller = await localsFor(actor.id);
		const path = `/admin/events/${event.slug}/invitations/template.csv`;
		const response = await templateCsv(eventRequest(caller, event.slug, path));
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			new RegExp(
				`^attachment; filename="${event.code}-invitations-template-\\d{4}-\\d{2}-\\d{2}\\.csv"; filename\\*=UTF-8''`
			)
		);
		const file = new Uint8Array(await response.arrayBuffer());
		const upload = await uploadInvitationCsv(actor, event.id, {
			name: 'template.csv',
			bytes: file
		});
		const preview = await previewImport(actor, event.id, upload.id);
		expect(preview.rows.map((r) => r.problems)).toEqual([[]]);
		expect(preview.rows[0].input).toMatchObject({ delegation: 'TH', category: 'delegate' });
	});

	it('gives each row every one of its problems, and a report that uploads again once corrected', async () => {
		const { event, actor } = ctx;
		const csv = [
			HEADER,
			',,,not-an-address,Atlantis,,,minister',
			'Ms.,Lan,Pham,lan.pham@example.gov.vn,VN,,,delegate',
			'Mr.,Lan,Pham,LAN.PHAM@example.gov.vn,Atlantis,,,delegate'
		].join('\n');
		const upload = await uploadInvitationCsv(actor, event.id, { name: 'x.csv', bytes: bytes(csv) });
		const preview = await previewImport(actor, event.id, upload.id);
		expect(preview.rows.map((r) => [r.row, r.problems])).toEqual([
			[
				2,
				[
					'Family name is required',
					'Malformed e-mail address "not-an-address".',
					expect.stringMatching(/^Unknown category "minister"/),
					expect.stringMatching(/^Unknown delegation "Atlantis": use a code of this event/)
				]
			],
			[3, []],
			[
				4,
				[
					expect.stringMatching(/^Unknown delegation "Atlantis"/),
					'Duplicate: the same e-mail as row 3.'
				]
			]
		]);

		const caller = await localsFor(actor.id);
		const path = `/admin/events/${event.slug}/invitations/import/${upload.id}/problems.csv`;
		const response = await problemsCsv({
			...eventRequest<Parameters<typeof problemsCsv>[0]>(caller, event.slug, path),
			params: { slug: event.slug, id: String(upload.id) }
		});
		const report = await bodyText(response);
		expect(report.startsWith('\uFEFFrow,honorific,given_name,family_name,email,delegation')).toBe(
			true
		);
		expect(report.split('\r\n').filter(Boolean)).toHaveLength(3);
		expect(report).toContain(
			'"Family name is required Malformed e-mail address ""not-an-address"".'
		);

		// Corrected in a spreadsheet and uploaded as it is: the report's own columns are ignored.
		const corrected = report
			.replace(',,,not-an-address,Atlantis,,,minister,', ',,Sok,sok@example.org,TH,,,observer,')
			.replace(
				'Mr.,Lan,Pham,LAN.PHAM@example.gov.vn,Atlantis',
				'Mr.,Minh,Pham,minh.pham@example.gov.vn,VN'
			);
		const again = await uploadInvitationCsv(actor, event.id, {
			name: 'corrected.csv',
			bytes: bytes(corrected)
		});
		const checked = await previewImport(actor, event.id, again.id);
		expect(checked.header).not.toContain('problems');
		expect(checked.rows.map((r) => [r.row, r.problems, r.input?.email])).toEqual([
			[2, [], 'sok@example.org'],
			[3, [], 'minh.pham@example.gov.vn']
		]);
	});

	it('reads a UTF-8 file with a BOM and semicolons, as European Excel saves it', async () => {
		const { event, actor } = ctx;
		const csv =
			'\uFEFFHonorific;Given name;Family name;E-mail;Delegation;Organisation;Position;Category\r\n' +
			'Ms.;Nguyễn Thị;Minh Khai;khai@example.gov.vn;VN;"Ministry; Labour";Deputy Director;delegate\r\n';
		const upload = await uploadInvitationCsv(actor, event.id, {
			name: 'excel.csv',
			bytes: bytes(csv)
		});
		const preview = await previewImport(actor, event.id, upload.id);
		expect(preview.rows).toHaveLength(1);
		expect(preview.rows[0].problems).toEqual([]);
		expect(preview.rows[0].input).toMatchObject({
			givenName: 'Nguyễn Thị',
			familyName: 'Minh Khai',
			organisation: 'Ministry; Labour'
		});
	});

	it('refuses a wrong header, a huge file and a file that is not UTF-8, with a message', async () => {
		const { event, actor } = ctx;
		const wrong = await failure(
			uploadInvitationCsv(actor, event.id, {
				name: 'x.csv',
				bytes: bytes('name,mail,country\nA,a@example.org,TH\n')
			})
		);
		expect(wrong.message).toMatch(/^Wrong header: unknown columns "name", "mail"/);
		const tooMany = [
			HEADER,
			...Array.from({ length: 5001 }, (_, i) => `,,P${i},p${i}@example.org,TH,,,`)
		];
		expect(
			(
				await failure(
					uploadInvitationCsv(actor, event.id, {
						name: 'big.csv',
						bytes: bytes(tooMany.join('\n'))
					})
				)
			).message
		).toMatch(/5,001 rows; at most 5,000/);
		const huge = bytes(HEADER + '\n' + `,,X,x@example.org,TH,${'a'.repeat(2 * 1024 * 1024)},,`);
		expect(
			(await failure(uploadInvitationCsv(actor, event.id, { name: 'huge.csv', bytes: huge })))
				.message
		).toMatch(/larger than 2 MB/);
		const latin1 = new Uint8Array([
			...bytes(`${HEADER}\n,,M`),
			0xfc,
			...bytes('ller,m@example.org,TH,,,\n')
		]);
		expect(
			(await failure(uploadInvitationCsv(actor, event.id, { name: 'l.csv', bytes: latin1 })))
				.message
		).toMatch(/not UTF-8/);
		const kept = await db()
			.selectFrom('invitation_imports')
			.select('file_name')
			.where('event_id', '=', event.id)
			.execute();
		expect(kept.map((k) => k.file_name)).not.toContain('big.csv');
	});

	it('imports 5 000 rows in one go', async () => {
		const { event, actor } = ctx;
		const rows = Array.from({ length: 5000 }, (_, i) => `,,Person ${i},bulk${i}@example.org,VN,,,`);
		const upload = await uploadInvitationCsv(actor, event.id, {
			name: 'bulk.csv',
			bytes: bytes([HEADER, ...rows].join('\n'))
		});
		const started = Date.now();
		expect(await confirmImport(actor, event.id, upload.id)).toEqual({ created: 5000, skipped: 0 });
		expect(Date.now() - started).toBeLessThan(20_000);
		const count = await db()
			.selectFrom('emails')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('event_id', '=', event.id)
			.where('dedupe_key', 'like', 'invitation-%')
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(5003);
	});
});

describe('invitation links', () => {
	it('shows an open invitation without using it up, and escapes the personal message', async () => {
		const { event, actor } = await setup();
		await inviteOne(actor, event.id, person('open@example.go.th'), { send: true });
		const [mail] = await mailsOf(event.id);
		expect(mail.html_body).toContain('&lt;b&gt;glad&lt;/b&gt;');
		expect(mail.text_body).toContain('as a member of the delegation of Thailand');
		const token = await tokenFor('open@example.go.th');
		expect(token.length).toBeGreaterThanOrEqual(26);
		const stored = await db()
			.selectFrom('invitations')
			.select('token_hash')
			.where('email', '=', 'open@example.go.th')
			.executeTakeFirstOrThrow();
		expect(Buffer.from(stored.token_hash).toString('hex')).not.toContain(token);
		for (let i = 0; i < 3; i++) expect((await viewInvitation(token)).state).toBe('open');
	});

	it('expires with the clock', async () => {
		setNow(new Date('2026-10-01T00:00:00Z'));
		const { event, actor } = await setup();
		await inviteOne(actor, event.id, person('late@example.go.th'), { send: true });
		const token = await tokenFor('late@example.go.th');
		advanceClock(29 * 86_400_000);
		expect((await viewInvitation(token)).state).toBe('open');
		advanceClock(2 * 86_400_000);
		expect((await viewInvitation(token)).state).toBe('expired');
		expect((await failure(declineInvitation(token, undefined))).code).toBe('conflict');
		// Resending an expired invitation gives a new link and a new reply-by date.
		const { id } = await db()
			.selectFrom('invitations')
			.select('id')
			.where('email', '=', 'late@example.go.th')
			.executeTakeFirstOrThrow();
		await sendInvitation(actor, event.id, id);
		const fresh = await tokenFor('late@example.go.th');
		expect(fresh).not.toBe(token);
		expect((await viewInvitation(fresh)).state).toBe('open');
		expect((await viewInvitation(token)).state).toBe('unknown');
		setNow(undefined);
	});

	it('stops working when revoked, once declined, and when tampered with', async () => {
		const { event, actor } = await setup();
		const revoked = await inviteOne(actor, event.id, person('revoked@example.go.th'), {
			send: true
		});
		const revokedToken = await tokenFor('revoked@example.go.th');
		await revokeInvitation(actor, event.id, revoked.id);
		expect((await viewInvitation(revokedToken)).state).toBe('revoked');
		expect((await failure(revokeInvitation(actor, event.id, revoked.id))).code).toBe('conflict');
		expect((await failure(sendInvitation(actor, event.id, revoked.id))).code).toBe('conflict');

		await inviteOne(actor, event.id, person('decliner@example.go.th'), { send: true });
		const token = await tokenFor('decliner@example.go.th');
		await declineInvitation(token, 'I will be on mission abroad.');
		const view = await viewInvitation(token);
		expect(view.state).toBe('declined');
		expect(view.state !== 'unknown' && view.invitation.decline_reason).toBe(
			'I will be on mission abroad.'
		);
		// Reused: a second answer is refused.
		expect((await failure(declineInvitation(token, undefined))).code).toBe('conflict');

		const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		expect((await viewInvitation(tampered)).state).toBe('unknown');
		expect((await viewInvitation('../../etc/passwd')).state).toBe('unknown');
		expect((await viewInvitation('')).state).toBe('unknown');
		expect((await failure(declineInvitation(tampered, undefined))).code).toBe('not_found');
	});

	it('refuses to invite an address twice or to an unknown delegation', async () => {
		const { event, actor } = await setup();
		await inviteOne(actor, event.id, person('twice@example.go.th'), { send: false });
		const twice = await failure(
			inviteOne(actor, event.id, person('twice@example.go.th'), { send: true })
		);
		expect([twice.code, twice.field]).toEqual(['conflict', 'email']);
		const unknown = await failure(
			inviteOne(actor, event.id, person('x@example.org', 'ZZ'), { send: true })
		);
		expect(unknown.field).toBe('delegation');
	});
});

describe('an invitation in the invitee’s language', () => {
	const ja = { title: '第六回高級実務者会合', venue: '三田共用会議所', city: '東京' };

	/** The newest mail to an address with one template, its links revealed. */
	async function mailTo(email: string, template: string) {
		const row = await db()
			.selectFrom('emails')
			.select(['subject', 'text_body', 'html_body', 'links_enc'])
			.where('recipient', '=', email)
			.where('template', '=', template)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		return { subject: row.subject, text: textAsSent(row), html: row.html_body };
	}

	it('names the event and the delegation in Japanese to a person known to read it, in English otherwise', async () => {
		setNow(new Date('2026-10-01T00:00:00Z'));
		const { event, actor } = await setup();
		await sql`update events set translations = ${JSON.stringify({ ja })}::jsonb where id = ${event.id}`.execute(
			db()
		);
		await sql`update delegations set translations = '{"ja":{"name":"ベトナム社会主義共和国"}}'::jsonb where event_id = ${event.id} and code = 'VN'`.execute(
			db()
		);
		const suffix = Math.random().toString(36).slice(2, 8);

		// Registered in Japanese for an earlier event: the invitation is in Japanese, Thailand
		// named as the country is in Japanese, the link opening the Japanese page.
		const earlier = await makeEvent();
		const registered = `registered-${suffix}@example.go.th`;
		const before = await makeRegistration(earlier, await makeDelegation(earlier.id, 'TH'), {
			email: registered
		});
		await db()
			.updateTable('registrations')
			.set({ language: 'ja' })
			.where('id', '=', before.id)
			.execute();
		await inviteOne(actor, event.id, person(registered), { send: true });
		const invited = await mailTo(registered, 'invitation');
		expect(invited.subject).toBe(`【招待状】${ja.title}`);
		expect(invited.text).toContain(`${ja.title}に、タイ代表団の一員としてご招待申し上げます。`);
		expect(invited.text).toContain('三田共用会議所');
		expect(invited.text).toContain('東京');
		expect(invited.text).toMatch(/\/ja\/invitations\/[a-z2-7]+/);
		expect(invited.html).toContain('<html lang="ja">');
		expect(`${invited.subject}\n${invited.text}`).not.toMatch(
			new RegExp(`${event.title}|Thailand|Tokyo`)
		);

		// An account that reads Japanese, invited in a delegation whose Japanese name is written,
		// the invitation sent after it was saved.
		const staffMember = await makeStaff();
		await db()
			.updateTable('users')
			.set({ language: 'ja' })
			.where('id', '=', staffMember.id)
			.execute();
		const draft = await inviteOne(actor, event.id, person(staffMember.email, 'VN'), {
			send: false
		});
		await sendInvitation(actor, event.id, draft.id);
		const sent = await mailTo(staffMember.email, 'invitation');
		expect(sent.subject).toBe(`【招待状】${ja.title}`);
		expect(sent.text).toContain('ベトナム社会主義共和国代表団の一員として');

		// Nobody knows this person's language: English, the title as written in English.
		const unknown = `unknown-${suffix}@example.go.th`;
		await inviteOne(actor, event.id, person(unknown), { send: true });
		const english = await mailTo(unknown, 'invitation');
		expect(english.subject).toBe(`Invitation: ${event.title}`);
		expect(english.text).toContain('as a member of the delegation of Thailand');
		expect(english.text).not.toMatch(/第六回|タイ|東京/);
		expect(english.text).not.toContain('/ja/invitations/');

		// The reminder keeps each person's language.
		advanceClock(2 * 86_400_000);
		await remindUnanswered(actor, event.id);
		const reminded = await mailTo(registered, 'reminder');
		expect(reminded.subject).toBe(`【招待状(再送)】${ja.title}`);
		expect(reminded.text).toContain(`${ja.title}(タイ代表団)への招待状について`);
		const remindedEnglish = await mailTo(unknown, 'reminder');
		expect(remindedEnglish.subject).toBe(`Reminder: invitation to ${event.title}`);
		setNow(undefined);
	});
});

describe('reminders', () => {
	it('reminds everyone who has not answered, once a day, each with a new link', async () => {
		setNow(new Date('2026-10-01T00:00:00Z'));
		const { event, actor } = await setup();
		await inviteOne(actor, event.id, person('quiet@example.go.th'), { send: true });
		await inviteOne(actor, event.id, person('answered@example.go.th'), { send: true });
		await inviteOne(actor, event.id, person('draft@example.go.th'), { send: false });
		await declineInvitation(await tokenFor('answered@example.go.th'), undefined);
		const before = await tokenFor('quiet@example.go.th');

		expect(await remindUnanswered(actor, event.id)).toEqual({ reminded: 0, skipped: 1 });
		advanceClock(25 * 3_600_000);
		expect(await remindUnanswered(actor, event.id)).toEqual({ reminded: 1, skipped: 0 });
		const reminders = (await mailsOf(event.id)).filter((m) => m.template === 'reminder');
		expect(reminders.map((m) => m.recipient)).toEqual(['quiet@example.go.th']);
		expect(reminders[0].subject).toBe(`Reminder: invitation to ${event.title}`);
		const after = await tokenFor('quiet@example.go.th');
		expect((await viewInvitation(after)).state).toBe('open');
		expect((await viewInvitation(before)).state).toBe('unknown');
		const row = await db()
			.selectFrom('invitations')
			.select('reminded_at')
			.where('email', '=', 'quiet@example.go.th')
			.executeTakeFirstOrThrow();
		expect(row.reminded_at).toEqual(new Date('2026-10-02T01:00:00Z'));
		expect(await remindUnanswered(actor, event.id)).toEqual({ reminded: 0, skipped: 1 });
		setNow(undefined);
	});
});
