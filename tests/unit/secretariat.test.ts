import { describe, expect, it } from 'vitest';
import { neutralise } from '../../src/lib/server/exports/csv.ts';
import { wallClock, wallClockText } from '../../src/lib/server/exports/wall-clock.ts';

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
