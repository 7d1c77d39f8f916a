import ical, { ICalEventStatus } from 'ical-generator';
import { formatTime, zoneLabel } from '../../time.ts';
import { now } from '../clock.ts';
import type { ItineraryEntry } from '../visits/itinerary.ts';

// A personal itinerary as iCalendar. Instants are written in UTC (…Z): ical-generator given a
// Date plus a time zone writes the process-local clock time under the zone's name (DESIGN §11).

const DOMAIN = 'kaigi';

function describe(entry: ItineraryEntry, timeZone: string): string {
	const lines: string[] = [];
	if (entry.description) lines.push(entry.description);
	const v = entry.visit;
	if (v) {
		if (v.status === 'waitlisted') {
			lines.push(`You are number ${v.waitlistPlace ?? '?'} on the waiting list for this visit.`);
		}
		if (v.meetingPoint) lines.push(`Meeting point: ${v.meetingPoint}`);
		if (v.transport) lines.push(`Transport: ${v.transport}`);
		v.stops.forEach((s, i) => {
			const times = `${formatTime(s.arrivesAt, timeZone)}–${formatTime(s.leavesAt, timeZone)}`;
			const where = s.address ? `${s.place}, ${s.address}` : s.place;
			lines.push(`${i + 1}. ${times} ${where}${s.activity ? ` — ${s.activity}` : ''}`);
		});
		if (v.stops.length) lines.push(`(Times in ${zoneLabel(timeZone, entry.startsAt)})`);
	}
	return lines.join('\n');
}

/** The iCalendar text of an itinerary. */
export function itineraryIcs(options: {
	name: string;
	timeZone: string;
	entries: ItineraryEntry[];
	url?: string;
}): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Kaigi', product: 'itinerary', language: 'EN' }
	});
	const stamp = now();
	for (const entry of options.entries) {
		const waitlisted = entry.visit?.status === 'waitlisted';
		calendar.createEvent({
			id: `${entry.uid}@${DOMAIN}`,
			start: entry.startsAt,
			end: entry.endsAt ?? undefined,
			summary: waitlisted ? `${entry.title} (waiting list)` : entry.title,
			location: entry.location || undefined,
			description: describe(entry, options.timeZone) || undefined,
			sequence: entry.visit?.version ?? 0,
			status: waitlisted ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
			stamp,
			url: options.url
		});
	}
	return calendar.toString();
}
