import ical, { ICalEventStatus } from 'ical-generator';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { formatTime, zoneLabel } from '../../time.ts';
import { now } from '../clock.ts';
import type { ItineraryEntry } from '../visits/itinerary.ts';

// A personal itinerary as iCalendar. Instants are written in UTC (…Z): ical-generator given a
// Date plus a time zone writes the process-local clock time under the zone's name (DESIGN §11).

const DOMAIN = 'kaigi';

function describe(entry: ItineraryEntry, timeZone: string, locale: Locale): string {
	const t = { locale };
	const lines: string[] = [];
	if (entry.description) lines.push(entry.description);
	const v = entry.visit;
	if (v) {
		if (v.status === 'waitlisted') {
			lines.push(m.itin_waitlist_place({ place: v.waitlistPlace ?? '?' }, t));
		}
		if (v.meetingPoint) lines.push(m.itin_meeting_point({ place: v.meetingPoint }, t));
		if (v.transport) lines.push(m.itin_transport({ transport: v.transport }, t));
		v.stops.forEach((s, i) => {
			const times = `${formatTime(s.arrivesAt, timeZone)}–${formatTime(s.leavesAt, timeZone)}`;
			const where = s.address ? `${s.place}${m.punct_list({}, t)}${s.address}` : s.place;
			lines.push(`${i + 1}. ${times} ${where}${s.activity ? ` — ${s.activity}` : ''}`);
		});
		if (v.stops.length)
			lines.push(m.itin_times_in({ zone: zoneLabel(timeZone, entry.startsAt, locale) }, t));
	}
	return lines.join('\n');
}

/** The iCalendar text of an itinerary. */
export function itineraryIcs(options: {
	name: string;
	timeZone: string;
	entries: ItineraryEntry[];
	url?: string;
	/** The language of the words Kaigi adds (the entries come in it already). */
	locale?: Locale;
}): string {
	const locale = options.locale ?? 'en';
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
			summary: waitlisted ? m.itin_waiting_list({ title: entry.title }, { locale }) : entry.title,
			location: entry.location || undefined,
			description: describe(entry, options.timeZone, locale) || undefined,
			sequence: entry.visit?.version ?? 0,
			status: waitlisted ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
			stamp,
			url: options.url
		});
	}
	return calendar.toString();
}
