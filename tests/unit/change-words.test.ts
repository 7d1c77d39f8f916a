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
