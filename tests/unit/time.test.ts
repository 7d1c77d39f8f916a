import { describe, expect, it } from 'vitest';
import {
	dayKey,
	formatDateTime,
	formatDayRange,
	formatTime,
	fromZonedInput,
	toZonedInput,
	zoneCity,
	zoneLabel
} from '../../src/lib/time.ts';

describe('event time zones', () => {
	it('labels zones the way people read them', () => {
		const at = new Date('2027-02-16T00:00:00Z');
		expect(zoneLabel('Asia/Tokyo', at)).toBe('Tokyo time (UTC+9)');
		expect(zoneLabel('Asia/Phnom_Penh', at)).toBe('Phnom Penh time (UTC+7)');
		expect(zoneLabel('Asia/Kolkata', at)).toBe('Kolkata time (UTC+5:30)');
		expect(zoneLabel('America/New_York', at)).toBe('New York time (UTC−5)');
		// Named after the city people say, not the zone database's (Asia/Ho_Chi_Minh for a Hanoi meeting).
		expect(zoneLabel('Asia/Ho_Chi_Minh', at)).toBe('Hanoi time (UTC+7)');
		expect(zoneLabel('Asia/Brunei', at)).toBe('Bandar Seri Begawan time (UTC+8)');
		expect(zoneCity('Asia/Ho_Chi_Minh')).toBe('Hanoi');
	});

	it('formats an instant in the event zone, whatever the process TZ', () => {
		const at = new Date('2027-02-16T00:00:00Z');
		expect(formatTime(at, 'Asia/Tokyo')).toBe('09:00');
		expect(formatDateTime(at, 'Asia/Tokyo')).toBe('Tue 16 Feb 2027, 09:00 Tokyo time (UTC+9)');
		expect(dayKey(new Date('2027-02-15T16:00:00Z'), 'Asia/Tokyo')).toBe('2027-02-16');
	});

	it('reads a typed date-time in the event zone, and writes it back', () => {
		const at = fromZonedInput('2027-02-16T09:00', 'Asia/Tokyo');
		expect(at?.toISOString()).toBe('2027-02-16T00:00:00.000Z');
		expect(toZonedInput(at, 'Asia/Tokyo')).toBe('2027-02-16T09:00');
		expect(fromZonedInput('2027-02-30T09:00', 'Asia/Tokyo')).toBeNull();
		expect(fromZonedInput('tomorrow', 'Asia/Tokyo')).toBeNull();
		// Across a DST change (New York springs forward on 14 March 2027).
		expect(fromZonedInput('2027-03-15T09:00', 'America/New_York')?.toISOString()).toBe(
			'2027-03-15T13:00:00.000Z'
		);
	});

	it('writes date ranges compactly', () => {
		expect(formatDayRange('2027-02-16', '2027-02-20')).toBe('16–20 Feb 2027');
		expect(formatDayRange('2027-02-28', '2027-03-03')).toBe('28 Feb – 3 Mar 2027');
		expect(formatDayRange('2026-12-30', '2027-01-02')).toBe('30 Dec 2026 – 2 Jan 2027');
	});
});
