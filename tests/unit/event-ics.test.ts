import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { eventIcs } from '../../src/lib/server/calendar/event-ics.ts';

const original = process.env.TZ;
afterEach(() => {
	process.env.TZ = original;
});

const workshop = {
	id: 7,
	code: 'HIVWS',
	title: 'ASEAN/Japan HIV/AIDS Workshop',
	venue: 'Chaktomuk Conference Hall',
	city: 'Phnom Penh',
	country: 'KH',
	time_zone: 'Asia/Phnom_Penh',
	starts_on: '2027-02-15',
	ends_on: '2027-02-19',
	contact_email: 'hiv-workshop@kaigi.example'
};

function firstEvent(ics: string) {
	const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
	return {
		start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
		end: (vevent.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
		location: vevent.getFirstPropertyValue('location'),
		url: vevent.getFirstPropertyValue('url')
	};
}

describe('the event as an .ics file', () => {
	it('spans the event days in its own zone when there is no programme, whatever the process TZ', () => {
		for (const tz of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
			process.env.TZ = tz;
			const ics = eventIcs(workshop, [], {
				url: 'https://kaigi.example/me/registrations/HIVWS-KH-001'
			});
			expect(ics).toMatch(/DTSTART:20270214T170000Z/);
			expect(firstEvent(ics)).toEqual({
				// Midnight in Phnom Penh (UTC+7) on the first day, to midnight after the last day.
				start: '2027-02-14T17:00:00.000Z',
				end: '2027-02-19T17:00:00.000Z',
				location: 'Chaktomuk Conference Hall, Phnom Penh, Cambodia',
				url: 'https://kaigi.example/me/registrations/HIVWS-KH-001'
			});
		}
	});

	it('has one entry per programme day, from its first item to its last, read back under another TZ', () => {
		// A Hanoi workshop: three days of sessions, not one 51-hour block through the nights.
		const hanoi = { ...workshop, city: 'Hanoi', country: 'VN', time_zone: 'Asia/Ho_Chi_Minh' };
		const at = (iso: string) => new Date(iso);
		const programme = [
			// 09:00–10:30 and 14:00–17:30 on the 15th in Hanoi (UTC+7), given out of order.
			{ starts_at: at('2027-02-15T07:00:00Z'), ends_at: at('2027-02-15T10:30:00Z') },
			{ starts_at: at('2027-02-15T02:00:00Z'), ends_at: at('2027-02-15T03:30:00Z') },
			// 08:30–17:00 on the 16th; 06:30 is still the 16th in Hanoi though the 15th in UTC.
			{ starts_at: at('2027-02-15T23:30:00Z'), ends_at: at('2027-02-16T10:00:00Z') },
			// 09:00–12:00 on the 17th.
			{ starts_at: at('2027-02-17T02:00:00Z'), ends_at: at('2027-02-17T05:00:00Z') }
		];
		for (const tz of ['America/Los_Angeles', 'Europe/London', 'Asia/Tokyo']) {
			process.env.TZ = tz;
			const ics = eventIcs(hanoi, programme, {
				url: 'https://kaigi.example/',
				host: 'kaigi.example'
			});
			const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
			expect(
				vevents.map((v) => [
					(v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
					(v.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()
				])
			).toEqual([
				['2027-02-15T02:00:00.000Z', '2027-02-15T10:30:00.000Z'],
				['2027-02-15T23:30:00.000Z', '2027-02-16T10:00:00.000Z'],
				['2027-02-17T02:00:00.000Z', '2027-02-17T05:00:00.000Z']
			]);
			expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toEqual([
				'event-7-hivws-2027-02-15@kaigi.example',
				'event-7-hivws-2027-02-16@kaigi.example',
				'event-7-hivws-2027-02-17@kaigi.example'
			]);
			expect(String(vevents[1].getFirstPropertyValue('description'))).toContain(
				'Day 2 of 3\nTimes on the programme are Hanoi time (UTC+7).'
			);
		}
	});
});
