import { describe, expect, it } from 'vitest';
import { formalName, listName } from '../../src/lib/names.ts';
import { neutralise } from '../../src/lib/server/exports/csv.ts';
import { wallClock, wallClockText } from '../../src/lib/server/exports/wall-clock.ts';

describe('names in lists of participants', () => {
	it('writes the family name in capitals after the honorific', () => {
		const khai = { honorific: 'Ms.', given_name: 'Thị Minh Khai', family_name: 'Nguyễn' };
		expect(formalName(khai)).toBe('Ms. NGUYỄN Thị Minh Khai');
		expect(listName(khai)).toBe('NGUYỄN Thị Minh Khai');
		expect(formalName({ honorific: null, given_name: 'Van A', family_name: 'Nguyen' })).toBe(
			'NGUYEN Van A'
		);
	});

	it('writes a single name as it was given', () => {
		expect(formalName({ honorific: 'Mr.', given_name: null, family_name: 'Sumarsono' })).toBe(
			'Mr. Sumarsono'
		);
		expect(listName({ given_name: '  ', family_name: 'Wahyuningsih' })).toBe('Wahyuningsih');
	});
});

describe('CSV neutralisation', () => {
	it('prefixes an apostrophe to cells a spreadsheet would evaluate', () => {
		for (const value of ['=1+2', '+66 2 123 4567', '-3', '@SUM(A1)', '\tx', '\rx']) {
			expect(neutralise(value)).toBe(`'${value}`);
		}
		for (const value of ['Nguyễn', '', ' =not first', "'already", '0812']) {
			expect(neutralise(value)).toBe(value);
		}
	});
});

describe('wall-clock times of an event', () => {
	it('gives the local time in the zone, across a daylight-saving change', () => {
		const at = new Date('2027-02-15T06:30:00Z');
		expect(wallClockText(at, 'Asia/Tokyo')).toBe('2027-02-15 15:30');
		expect(wallClock(at, 'Asia/Tokyo').toISOString()).toBe('2027-02-15T15:30:00.000Z');
		expect(wallClockText(new Date('2027-03-14T06:59:00Z'), 'America/New_York')).toBe(
			'2027-03-14 01:59'
		);
		expect(wallClockText(new Date('2027-03-14T07:00:00Z'), 'America/New_York')).toBe(
			'2027-03-14 03:00'
		);
		expect(wallClockText(new Date('2027-02-15T06:30:00Z'), 'Asia/Kathmandu')).toBe(
			'2027-02-15 12:15'
		);
	});
});
