import { describe, expect, it } from 'vitest';
import { changeLines, changeValue } from '../../src/lib/registration-changes.ts';
import { readableDiff } from '../../src/lib/server/audit/audit-format.ts';
import { formatDateTime } from '../../src/lib/time.ts';

// One change must read the same on the audit page, on the registration's trail and in the mail
// that tells the delegate: one home for field labels and value words.

const TZ = 'Asia/Phnom_Penh';
const lookups = {
	timeZone: TZ,
	locale: 'en' as const,
	delegationsById: new Map(),
	delegationsByCode: new Map()
};
const when = (at: string) => formatDateTime(new Date(at), TZ);

describe('change words', () => {
	const diff = {
		family_name: { from: 'Nguyen', to: 'Nguyễn' },
		category: { from: 'delegate', to: 'head_of_delegation' },
		dietary: { from: 'none', to: 'halal' },
		arrival_at: { from: '2027-02-14T09:30:00.000Z', to: '2027-02-15T01:00:00.000Z' },
		consent_email_in_list: { from: false, to: true },
		passport_number: { from: 'C1234567', to: 'C7654321' }
	};

	it('writes the same lines for the audit log and the delegate’s mail', () => {
		const audit = readableDiff(diff, lookups)
			.filter((c) => c.from !== undefined)
			.map((c) => `${c.field}: ${c.from} → ${c.to}`);
		const mail = changeLines(diff, when).filter((line) => !line.endsWith(': changed'));
		expect(mail).toEqual(audit);
		expect(mail).toContain('Family name: Nguyen → Nguyễn');
		expect(mail).toContain('Category: Delegate → Head of delegation');
		expect(mail.join('\n')).toMatch(/Arrival: .*14 Feb 2027.* → .*15 Feb 2027/);
	});

	it('never writes a passport value, nor erased data', () => {
		const text = [
			...changeLines(diff, when),
			...readableDiff(diff, lookups).map((c) => `${c.from} ${c.to}`)
		].join('\n');
		expect(text).not.toContain('C1234567');
		expect(text).not.toContain('C7654321');
		expect(changeValue('given_name', '[redacted]', when)).toBe('(hidden)');
	});

	it('reads text typed like a date in a text field as typed', () => {
		expect(changeValue('position', '2027-02-15T25:99', when)).toBe('2027-02-15T25:99');
		expect(changeValue('position', '2027-02-15T10:00', when)).toBe('2027-02-15T10:00');
	});
});

describe('entries beyond a registration, in the reader’s language', () => {
	const reader = (locale: 'en' | 'ja') => ({
		...lookups,
		locale,
		delegationsByCode: new Map([['VN', locale === 'ja' ? 'ベトナム' : 'Viet Nam']]),
		visitsById: new Map([[7, 'Factory tour']])
	});
	const read = (locale: 'en' | 'ja', action: string, diff: unknown) =>
		readableDiff(diff, reader(locale), action).map(
			(c) => `${c.field}: ${c.from === undefined ? '' : `${c.from} → `}${c.to}`
		);

	it('words a field visit’s changes, recorded in English, in Japanese', () => {
		const diff = {
			version: 3,
			changes: [
				{ label: 'Departure', from: 'Tue 16 Feb 2027, 09:00', to: 'Tue 16 Feb 2027, 10:00' },
				{ label: 'Stop “Factory”: time', from: '10:00–11:00', to: '11:00–12:00' },
				{ label: 'Meeting point', from: '(none)', to: 'Lobby' }
			],
			seats: [30, 40],
			summaryChanged: true
		};
		expect(read('ja', 'visit.update', diff)).toEqual([
			'出発: 2027年2月16日(火) 09:00 → 2027年2月16日(火) 10:00',
			'訪問先「Factory」の時間: 10:00–11:00 → 11:00–12:00',
			'集合場所: （なし） → Lobby',
			'定員: 30 → 40',
			'概要: 変更されました'
		]);
		expect(read('en', 'visit.update', diff)).toEqual([
			'Departure: Tue 16 Feb 2027, 09:00 → Tue 16 Feb 2027, 10:00',
			'Stop “Factory”: time: 10:00–11:00 → 11:00–12:00',
			'Meeting point: (none) → Lobby',
			'Seats: 30 → 40',
			'Summary: changed'
		]);
	});

	it('words settings, exports and announcements in Japanese', () => {
		expect(read('ja', 'event.photo_policy', { photo_policy: 'off → required' })).toEqual([
			'名札の写真: 写真なし → 必須'
		]);
		expect(
			read('ja', 'event.texts_saved', {
				texts: ['ja.title', 'ja.item.3.title', 'th.title'],
				official_language: ['en', 'ja']
			})
		).toEqual(['変更したテキスト: 日本語：2件、タイ語：1件', '公式言語: 英語 → 日本語']);
		expect(
			read('ja', 'export.passport', {
				format: 'xlsx',
				preset: 'basic',
				filters: 'status=confirmed&delegation=VN&checkin=yes&sort=name'
			})
		).toEqual([
			'ファイル形式: XLSX',
			'出力項目: 基本 — 氏名、代表団、連絡先',
			'絞り込み条件: 状況：確定 ／ 代表団：ベトナム ／ 受付済み：はい'
		]);
		expect(
			read('ja', 'announcement.sent', {
				filter: { statuses: ['confirmed', 'invited'], visitId: 7 },
				recipients: 3
			})
		).toEqual(['送信先の条件: 状況：確定、招待された方 ／ 視察：Factory tour', '送信先の人数: 3']);
		expect(
			read('ja', 'document.voided', {
				kind: 'certificate',
				number: 'HL/CERT/1',
				reason: 'Re-issued'
			})
		).toEqual(['文書の種類: 出席証明書', '文書番号: HL/CERT/1', '理由: 再発行のため']);
	});
});
