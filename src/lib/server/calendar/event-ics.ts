import ical, { ICalCalendarMethod } from 'ical-generator';
import { countryName } from '../../countries.ts';
import { startOfDay, zoneLabel } from '../../time.ts';
import { now } from '../clock.ts';

// The event as an .ics file. Every instant is written in UTC (…Z): ical-generator given a
// plain Date plus a zone name writes the *process-local* clock time under that name (DESIGN §11).

export type IcsEvent = {
	id: number;
	code: string;
	title: string;
	venue: string;
	city: string;
	country: string | null;
	time_zone: string;
	starts_on: string;
	ends_on: string;
	contact_email: string;
};

export type IcsProgrammeItem = { starts_at: Date; ends_at: Date };

function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** From the programme's first start to its last end, or else the event's whole days in its zone. */
export function eventSpan(
	event: Pick<IcsEvent, 'starts_on' | 'ends_on' | 'time_zone'>,
	programme: IcsProgrammeItem[]
): { start: Date; end: Date } {
	if (programme.length > 0) {
		const starts = programme.map((item) => item.starts_at.getTime());
		const ends = programme.map((item) => item.ends_at.getTime());
		return { start: new Date(Math.min(...starts)), end: new Date(Math.max(...ends)) };
	}
	return {
		start: startOfDay(event.starts_on, event.time_zone),
		end: startOfDay(nextDay(event.ends_on), event.time_zone)
	};
}

/** The venue line: "Mita Conference Hall, Tokyo, Japan". */
export function eventLocation(event: Pick<IcsEvent, 'venue' | 'city' | 'country'>): string {
	return [event.venue, event.city, countryName(event.country)].filter(Boolean).join(', ');
}

/** An .ics calendar with the event as one entry (UTC instants), linking back to `url`. */
export function eventIcs(
	event: IcsEvent,
	programme: IcsProgrammeItem[],
	options: { url: string; reference?: string; host?: string }
): string {
	const { start, end } = eventSpan(event, programme);
	const calendar = ical({
		name: event.title,
		prodId: { company: 'Kaigi', product: 'Kaigi', language: 'EN' },
		method: ICalCalendarMethod.PUBLISH
	});
	const lines = [
		options.reference ? `Your reference: ${options.reference}` : '',
		`Times on the programme are ${zoneLabel(event.time_zone, start)}.`,
		`Contact: ${event.contact_email}`,
		options.url
	].filter(Boolean);
	calendar.createEvent({
		// One stable UID per event, so a later file updates the same calendar entry.
		id: `event-${event.id}-${event.code.toLowerCase()}@${options.host ?? 'kaigi'}`,
		start,
		end,
		stamp: now(),
		summary: event.title,
		location: eventLocation(event) || null,
		description: lines.join('\n'),
		url: options.url
	});
	return calendar.toString();
}
