import { describe, expect, it } from 'vitest';
import { loginWithPassword } from '../../src/lib/server/auth/login.service.ts';
import { itineraryIcs } from '../../src/lib/server/calendar/itinerary-ics.ts';
import { requireEventAccess } from '../../src/lib/server/events/access.ts';
import { pdfProblem } from '../../src/lib/server/files/pdf-upload.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { seatsOpenedNotice } from '../../src/lib/server/registrations/seats-opened.ts';
import { unavailablePage } from '../../src/lib/server/unavailable.ts';
import type { ItineraryEntry } from '../../src/lib/server/visits/itinerary.ts';
import { domainError } from '../helpers/event-actors.ts';
import { makeEvent, makeStaff } from '../helpers/factories.ts';
import { localsFor, outcomeIn } from '../helpers/request-event.ts';

// What the server says in answer to a person is in the language of the page they are on: a
// refused sign-in, a refused upload, the outcome of raising a capacity, the words a personal
// calendar adds. English pages keep the English sentences.

describe('a refused sign-in', () => {
	it('is said in Japanese on a Japanese page and in English on an English one', async () => {
		const staff = await makeStaff({ password: 'a long and correct passphrase' });
		const attempt = () =>
			domainError(
				loginWithPassword({ email: staff.email, password: 'not the passphrase', ip: '192.0.2.40' })
			);
		expect((await inLocale('ja', attempt)).message).toBe(
			'メールアドレスまたはパスワードが正しくありません。'
		);
		expect((await inLocale('en', attempt)).message).toBe(
			'The e-mail address or password is not correct.'
		);
	});
});

describe('a staff page refused', () => {
	it('says why on the 403 page in the page’s language', async () => {
		const event = await makeEvent();
		const stranger = await makeStaff();
		const locals = await localsFor(stranger.id);
		const refusal = (locale: 'en' | 'ja') =>
			outcomeIn(locale, (event) => requireEventAccess(event, 'checkin'), {
				locals,
				path: `/admin/events/${event.slug}`,
				params: { slug: event.slug }
			});
		expect(await refusal('ja')).toMatchObject({
			kind: 'error',
			status: 403,
			message: 'あなたはこの会議の職員に登録されていません。'
		});
		expect(await refusal('en')).toMatchObject({
			status: 403,
			message: 'You are not on the staff of this event.'
		});
	});
});

describe('a refused upload', () => {
	it('says what is wrong with the file in the page’s language', () => {
		expect(inLocale('ja', () => pdfProblem(new Uint8Array()))).toBe('ファイルが空です。');
		expect(inLocale('ja', () => pdfProblem(new TextEncoder().encode('hello')))).toBe(
			'ファイルがPDFではありません。'
		);
		expect(inLocale('en', () => pdfProblem(new Uint8Array()))).toBe('The file is empty.');
	});
});

describe('the outcome of raising a capacity', () => {
	it('is told in Japanese', () => {
		const notice = (query: string) =>
			inLocale('ja', () => seatsOpenedNotice(new URLSearchParams(query)));
		expect(notice('promoted=2')).toBe(
			'キャンセル待ちの2名を順番どおりに確定し、メールでお知らせしました。'
		);
		expect(notice('pending=3&free=3')).toBe('承認待ちの3件の登録に対して3席が空きました。');
		expect(notice('pending=1&free=any')).toBe('承認待ちの1件の登録に対して席が空きました。');
	});
});

describe('a personal calendar', () => {
	const visit: ItineraryEntry = {
		uid: 'visit-1',
		kind: 'visit',
		startsAt: new Date('2027-02-16T01:00:00Z'),
		endsAt: new Date('2027-02-16T06:00:00Z'),
		title: '中核病院の視察',
		location: 'ホテルのロビー',
		description: '',
		visit: {
			id: 1,
			status: 'waitlisted',
			waitlistPlace: 2,
			transport: 'バスA',
			meetingPoint: 'ホテルのロビー',
			version: 1,
			stops: [
				{
					arrivesAt: new Date('2027-02-16T02:00:00Z'),
					leavesAt: new Date('2027-02-16T04:00:00Z'),
					place: 'カルメット病院',
					address: 'Monivong Blvd',
					activity: '',
					hostContact: ''
				}
			]
		}
	};
	const ics = (locale: 'en' | 'ja') =>
		itineraryIcs({ name: 'HIVWS', timeZone: 'Asia/Phnom_Penh', entries: [visit], locale })
			// iCalendar folds long lines; unfold them to read the text.
			.replace(/\r?\n[ \t]/g, '');

	it('adds its own words in the delegate’s language', () => {
		const text = ics('ja');
		expect(text).toContain('SUMMARY:中核病院の視察（キャンセル待ち）');
		expect(text).toContain('この視察のキャンセル待ち2番目です。');
		expect(text).toContain('集合場所: ホテルのロビー');
		expect(text).toContain('交通手段: バスA');
		expect(text).toContain('カルメット病院、Monivong Blvd');
		expect(text).toMatch(/（時刻はプノンペン時間 \(UTC\+7\)）/);
		expect(text).not.toMatch(/waiting list|Meeting point|Transport|Times in/);
	});

	it('and in English for an English one', () => {
		const text = ics('en');
		expect(text).toContain('SUMMARY:中核病院の視察 (waiting list)');
		expect(text).toContain('You are number 2 on the waiting list for this visit.');
	});
});

describe('the page shown while the database is away', () => {
	it('is in the language of the address asked for', async () => {
		const ja = await inLocale('ja', () => unavailablePage()).text();
		expect(ja).toContain('<html lang="ja">');
		expect(ja).toContain('一時的にご利用いただけません');
		const en = await inLocale('en', () => unavailablePage()).text();
		expect(en).toContain('<html lang="en">');
		expect(en).toContain('Briefly unavailable');
	});
});
