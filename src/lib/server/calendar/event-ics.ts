import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { countryNameIn } from '../../countries.ts';
import { dayKey, startOfDay, zoneLabel } from '../../time.ts';
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

/**
 * The calendar entries of the event: one per programme day, from that day's first item to its
 * last (days in the event's zone), so a calendar shows the meeting hours, not one block through
 * the nights; without a programme, the event's whole days in its zone.
 */
export function eventDays(
	event: Pick<IcsEvent, 'starts_on' | 'ends_on' | 'time_zone'>,
	programme: IcsProgrammeItem[]
): { day: string; start: Date; end: Date }[] {
	if (programme.length === 0) {
		return [
			{
				day: event.starts_on,
				start: startOfDay(event.starts_on, event.time_zone),
				end: startOfDay(nextDay(event.ends_on), event.time_zone)
			}
		];
	}
	const days = new Map<string, { day: string; start: Date; end: Date }>();
	for (const item of programme) {
		const day = dayKey(item.starts_at, event.time_zone);
		const known = days.get(day);
		if (!known) days.set(day, { day, start: item.starts_at, end: item.ends_at });
		else {
			if (item.starts_at < known.start) known.start = item.starts_at;
			if (item.ends_at > known.end) known.end = item.ends_at;
		}
	}
	return [...days.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The venue line in a language: "Mita Conference Hall, Tokyo, Japan", "三田共用会議所、東京、日本". */
export function eventLocation(
	event: Pick<IcsEvent, 'venue' | 'city' | 'country'>,
	locale: Locale = 'en'
): string {
	return [event.venue, event.city, countryNameIn(event.country, locale)]
		.filter(Boolean)
		.join(m.punct_list({}, { locale }));
}

/** An .ics calendar with an entry per programme day (UTC instants), linking back to `url`. */
export function eventIcs(
	event: IcsEvent,
	programme: IcsProgrammeItem[],
	options: { url: string; reference?: string; host?: string; locale?: Locale }
): string {
	const days = eventDays(event, programme);
	const t = { locale: options.locale ?? 'en' } as const;
	const calendar = ical({
		name: event.title,
		prodId: { company: 'Kaigi', product: 'Kaigi', language: 'EN' },
		method: ICalCalendarMethod.PUBLISH
	});
	days.forEach(({ day, start, end }, i) => {
		const lines = [
			days.length > 1 ? m.ics_day_of({ day: i + 1, days: days.length }, t) : '',
			options.reference ? m.ics_reference({ ref: options.reference }, t) : '',
			m.ics_times({ zone: zoneLabel(event.time_zone, start, t.locale) }, t),
			m.ics_contact({ email: event.contact_email }, t),
			options.url
		].filter(Boolean);
		calendar.createEvent({
			// One stable UID per event day, so a later file updates the same calendar entries.
			id: `event-${event.id}-${event.code.toLowerCase()}-${day}@${options.host ?? 'kaigi'}`,
			start,
			end,
			stamp: now(),
			summary: m.ics_summary({ title: event.title }, t),
			location: eventLocation(event, t.locale) || null,
			description: lines.join('\n'),
			url: options.url
		});
	});
	return calendar.toString();
}
