import { describe, expect, it } from 'vitest';
import { announcementSchema } from '../../src/lib/schemas/announcement.ts';
import { sendAnnouncement } from '../../src/lib/server/announcements/announcement.service.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { changeEventStatus } from '../../src/lib/server/events/event.service.ts';
import {
	sendStaffNotifications,
	setNotificationMode
} from '../../src/lib/server/notifications/notification.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { photoRejectedMail } from '../../src/lib/server/mail/templates/photo.ts';
import { invitationMail } from '../../src/lib/server/mail/templates/invitation.ts';
import { nominationCallMail } from '../../src/lib/server/mail/templates/nominations.ts';
import { passwordResetMail } from '../../src/lib/server/mail/templates/staff-account.ts';
import { visitCancelledMail } from '../../src/lib/server/mail/templates/visits.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// Mails are written in the recipient's language: a delegate's in the language they registered
// in (registrations.language), a staff member's in their account's (users.language).

const actorOf = (user: { id: number; display_name: string }) => ({
	id: user.id,
	name: user.display_name,
	staff: true,
	admin: false
});

const mailsOf = (eventId: number, template: string) =>
	db()
		.selectFrom('emails')
		.select(['recipient', 'subject', 'text_body', 'html_body'])
		.where('event_id', '=', eventId)
		.where('template', '=', template)
		.orderBy('id')
		.execute();

async function withJapanese<T extends { id: number }>(registration: T): Promise<T> {
	await db()
		.updateTable('registrations')
		.set({ language: 'ja' })
		.where('id', '=', registration.id)
		.execute();
	return registration;
}

describe('mails in the recipient’s language', () => {
	it('an announcement reaches a delegate who registered in Japanese in Japanese', async () => {
		const staff = await makeStaff();
		const event = await makeEvent({
			code: 'JAAN',
			title: 'Regional Workshop on Ageing',
			starts_on: '2027-02-16',
			ends_on: '2027-02-18'
		});
		await addEventStaff(event.id, staff.id, 'organizer');
		const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		const ja = await withJapanese(
			await makeRegistration(event, th, { family_name: 'Yamamoto', given_name: 'Hiroshi' })
		);
		const en = await makeRegistration(event, th, { family_name: 'Chaiyaporn' });
		const input = announcementSchema.parse({
			subject: 'Bus to the venue',
			body: 'The bus leaves the hotel at **08:15**.',
			statuses: ['confirmed'],
			greeting: 'dear'
		});
		await sendAnnouncement(actorOf(staff), event.id, input, 'key-jajajajajajajaja');
		const sent = await mailsOf(event.id, 'announcement');
		const toJa = sent.find((m) => m.recipient === ja.email)!;
		const toEn = sent.find((m) => m.recipient === en.email)!;
		expect(toJa.subject).toBe('[JAAN] Bus to the venue');
		expect(toJa.text_body).toContain('YAMAMOTO Hiroshi 様');
		expect(toJa.text_body).toContain(`参加登録された方(登録番号 ${ja.reference})`);
		expect(toJa.text_body).toContain('お問い合わせ:');
		expect(toJa.text_body).not.toContain('Dear');
		expect(toJa.html_body).toContain('<html lang="ja">');
		expect(toJa.html_body).toContain('2027年2月16日～18日');
		expect(toJa.html_body).toContain('日程');
		// The writer's own words stay as written; the English recipient's copy is unchanged.
		expect(toJa.html_body).toContain('The bus leaves the hotel at');
		expect(toEn.text_body).toMatch(/^Dear Ms\. CHAIYAPORN Given\d+,/);
		expect(toEn.text_body).toContain('You receive this message as a registered participant');
		expect(toEn.html_body).toContain('<html lang="en">');
	});

	it('a cancelled event is announced in Japanese to a delegate who registered in Japanese', async () => {
		const staff = await makeStaff({ createsEvents: true });
		const event = await makeEvent({
			title: 'Regional Workshop on Ageing',
			city: 'Hanoi',
			country: 'VN',
			starts_on: '2027-02-16',
			ends_on: '2027-02-18',
			published_at: new Date()
		});
		await addEventStaff(event.id, staff.id, 'organizer');
		const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		const ja = await withJapanese(
			await makeRegistration(event, vn, { family_name: 'Nguyễn', given_name: 'Lan' })
		);
		const en = await makeRegistration(event, vn, { status: 'waitlisted' });
		await changeEventStatus({ ...actorOf(staff), createsEvents: true }, event.id, 'cancel');
		const sent = await mailsOf(event.id, 'event-cancelled');
		const toJa = sent.find((m) => m.recipient === ja.email)!;
		const toEn = sent.find((m) => m.recipient === en.email)!;
		expect(toJa.subject).toBe('開催中止のお知らせ: Regional Workshop on Ageing');
		expect(toJa.text_body).toMatch(/^NGUYỄN Lan 様\n/);
		expect(toJa.text_body).toContain('2027年2月16日～18日にHanoi、ベトナムで開催を予定');
		expect(toJa.text_body).toContain(`登録番号 ${ja.reference}、確定`);
		expect(toJa.html_body).toContain('<html lang="ja">');
		expect(toEn.subject).toBe('Cancelled: Regional Workshop on Ageing');
		expect(toEn.text_body).toContain('(on the waiting list) therefore lapses');
	});

	it('a staff member whose account is in Japanese gets the staff notification in Japanese', async () => {
		const staff = await makeStaff();
		await db().updateTable('users').set({ language: 'ja' }).where('id', '=', staff.id).execute();
		const event = await makeEvent({ registration_mode: 'approval' });
		await addEventStaff(event.id, staff.id, 'secretariat');
		const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		await setNotificationMode(actorOf(staff), event.id, 'immediate');
		await registerDelegate({
			eventId: event.id,
			values: delegateValues(vn.id, { familyName: 'Đỗ', givenName: 'Lan' }),
			submissionKey: submissionKey()
		});
		await registerDelegate({
			eventId: event.id,
			values: delegateValues(vn.id, { familyName: 'Trần', givenName: 'An' }),
			submissionKey: submissionKey()
		});
		await sendStaffNotifications();
		const sent = await mailsOf(event.id, 'staff-notification');
		expect(sent).toHaveLength(1);
		expect(sent[0].recipient).toBe(staff.email);
		expect(sent[0].subject).toBe(`[${event.code}] 2件の更新`);
		expect(sent[0].text_body).toMatch(/^.+の新着情報。/);
		expect(sent[0].text_body).toContain('この会議の通知設定に基づいてお送りしています');
		expect(sent[0].html_body).toContain('<html lang="ja">');
		expect(sent[0].html_body).toContain('会議を開く');
	});

	it('the other templates take the language they are given, and stay English without one', () => {
		const person = { honorific: 'Ms.', given_name: 'Lan', family_name: 'Nguyễn' };
		const event = { title: 'Workshop', code: 'WS1', contact_email: 'ws@example.org' };
		const photo = (language?: string) =>
			photoRejectedMail({
				event,
				recipient: person,
				reference: 'WS1-VN-001',
				reason: 'Too dark',
				link: 'https://kaigi.test/x',
				language
			});
		expect(photo('ja').subject).toBe('[WS1] 名札用の写真の再提出のお願い(WS1-VN-001)');
		expect(photo('ja').text).toMatch(/^NGUYỄN Lan 様\n/);
		expect(photo().subject).toBe('[WS1] Please send another photo for your badge (WS1-VN-001)');
		expect(photo().text).toMatch(/^Dear Ms\. NGUYỄN Lan,\n/);

		const reset = passwordResetMail({
			name: '山本',
			link: 'https://kaigi.test/r',
			minutes: 30,
			language: 'ja'
		});
		expect(reset.subject).toBe('Kaigi パスワードの再設定');
		expect(reset.text).toContain('30分後に期限が切れます');
		expect(reset.html).toContain('<html lang="ja">');

		const visit = visitCancelledMail({
			eventTitle: 'Workshop',
			timeZone: 'Asia/Tokyo',
			personName: 'NGUYỄN Lan 様',
			reference: 'WS1-VN-001',
			locale: 'ja',
			visit: {
				title: 'Factory',
				departsAt: new Date('2027-02-17T00:00:00Z'),
				returnsAt: new Date('2027-02-17T04:00:00Z'),
				meetingPoint: 'Lobby',
				transport: 'Bus',
				stops: []
			},
			itineraryUrl: 'https://kaigi.test/ja/i',
			visitsUrl: 'https://kaigi.test/ja/v'
		});
		expect(visit.subject).toBe('視察の中止: Factory');
		expect(visit.text).toContain('日時: 2027年2月17日(水) 09:00～13:00 (東京時間 (UTC+9))');
		expect(visit.text).toContain('集合場所: Lobby');
	});

	it('names the event and the delegation as written in the reader’s language, else in English', () => {
		const event = {
			title: 'Sixth Meeting',
			code: 'HLOM6',
			starts_on: '2027-03-09',
			ends_on: '2027-03-11',
			venue: 'Mita Hall',
			city: 'Tokyo',
			country: 'JP',
			time_zone: 'Asia/Tokyo',
			contact_email: 'hlom@example.org',
			nomination_deadline: null,
			translations: { ja: { title: '第6回会合', city: '東京' } }
		};
		const thailand = { name: 'Thailand', kind: 'country', country_code: 'TH', translations: {} };
		const call = (language: string) =>
			nominationCallMail({
				kind: 'call',
				event,
				focalPoint: { name: 'Somchai Prasert', language },
				delegation: thailand,
				quotas: [],
				link: 'https://kaigi.test/d/x'
			});
		const ja = call('ja');
		expect(ja.subject).toContain('第6回会合');
		expect(ja.text).toContain('タイ');
		expect(ja.text).toContain('東京');
		expect(ja.text).not.toMatch(/Sixth Meeting|Thailand|Tokyo/);
		const en = call('en');
		expect(en.subject).toContain('Sixth Meeting');
		expect(en.text).toContain('Thailand');

		const invitation = invitationMail({
			kind: 'invitation',
			event,
			invitee: {
				honorific: 'Ms.',
				given_name: 'Lan',
				family_name: 'Nguyễn',
				personal_message: '',
				expires_at: new Date('2027-02-01T00:00:00Z')
			},
			delegation: { ...thailand, translations: { ja: { name: 'タイ王国' } } },
			link: 'https://kaigi.test/i/x',
			language: 'ja'
		});
		expect(invitation.subject).toContain('第6回会合');
		expect(invitation.text).toContain('タイ王国');

		const photo = photoRejectedMail({
			event,
			recipient: { honorific: 'Ms.', given_name: 'Lan', family_name: 'Nguyễn' },
			reference: 'HLOM6-TH-001',
			reason: 'Too dark',
			link: 'https://kaigi.test/x',
			language: 'ja'
		});
		expect(photo.text).toContain('第6回会合');
	});
});
