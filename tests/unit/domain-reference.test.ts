import { describe, expect, it } from 'vitest';
import {
	findReference,
	formatReference,
	normaliseReference,
	parseReference
} from '../../src/lib/domain/reference.ts';

describe('registration reference', () => {
	it('is the event code, the delegation code and a number of at least three digits', () => {
		expect(formatReference('HLOM6', 'TH', 7)).toBe('HLOM6-TH-007');
		expect(formatReference('HLOM6', 'ASEC', 1234)).toBe('HLOM6-ASEC-1234');
	});

	it('is read in any case, with or without the leading zeros', () => {
		expect(parseReference(' hlom6-th-007 ')).toEqual({
			eventCode: 'HLOM6',
			delegationCode: 'TH',
			number: 7
		});
		expect(normaliseReference('hlom6-th-7')).toBe('HLOM6-TH-007');
		expect(normaliseReference('HLOM6-TH-007')).toBe('HLOM6-TH-007');
	});

	it('refuses what is not a reference', () => {
		for (const text of [
			'',
			'HLOM6',
			'HLOM6-TH',
			'H-TH-007',
			'HLOM6-TH-00A',
			'HLOM6 TH 007',
			'../x'
		]) {
			expect(normaliseReference(text), text).toBeNull();
		}
	});

	it('finds a reference inside a scanned link, or its short form typed at the desk', () => {
		expect(findReference('https://kaigi.example/me/registrations/hlom6-th-007')).toEqual({
			eventCode: 'HLOM6',
			delegationCode: 'TH',
			number: 7
		});
		expect(findReference('th-7')).toEqual({ eventCode: null, delegationCode: 'TH', number: 7 });
		expect(findReference('Nguyen')).toBeNull();
	});
});
