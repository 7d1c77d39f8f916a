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

	it('runs from the first programme item to the last', () => {
		process.env.TZ = 'Europe/London';
		const programme = [
			{ starts_at: new Date('2027-02-15T02:00:00Z'), ends_at: new Date('2027-02-15T03:00:00Z') },
			{ starts_at: new Date('2027-02-19T08:00:00Z'), ends_at: new Date('2027-02-19T10:00:00Z') }
		];
		const span = firstEvent(eventIcs(workshop, programme, { url: 'https://kaigi.example/' }));
		expect([span.start, span.end]).toEqual([
			'2027-02-15T02:00:00.000Z',
			'2027-02-19T10:00:00.000Z'
		]);
	});
});
