import { dayKey, formatDay, formatTime, zoneLabel } from '../../time.ts';

// The programme as people read it: grouped by calendar day in the event's zone, whatever the
// server's or the reader's own zone. Pure: shared by the public page, staff pages, itineraries.

export type ScheduleItem = {
	id: number;
	start: string;
	end: string;
	/** ISO instants, for <time datetime>. */
	startsAt: string;
	endsAt: string;
	title: string;
	location: string;
	description: string;
};

export type ScheduleDay = {
	/** "2027-02-16" */
	day: string;
	/** "Tue 16 Feb 2027" */
	label: string;
	/** "Tokyo time (UTC+9)" on that day (a DST change can make days differ). */
	zone: string;
	items: ScheduleItem[];
};

type Item = {
	id: number;
	starts_at: Date;
	ends_at: Date;
	title: string;
	location: string;
	description: string;
};

/** Groups items (in time order) by their day in the zone, with times as "09:00". */
export function scheduleByDay(
	items: readonly Item[],
	timeZone: string,
	locale = 'en'
): ScheduleDay[] {
	const days: ScheduleDay[] = [];
	for (const item of items) {
		const day = dayKey(item.starts_at, timeZone);
		let group = days.at(-1);
		if (group?.day !== day) {
			group = {
				day,
				label: formatDay(day, {}, locale),
				zone: zoneLabel(timeZone, item.starts_at, locale),
				items: []
			};
			days.push(group);
		}
		group.items.push({
			id: item.id,
			start: formatTime(item.starts_at, timeZone),
			end: formatTime(item.ends_at, timeZone),
			startsAt: item.starts_at.toISOString(),
			endsAt: item.ends_at.toISOString(),
			title: item.title,
			location: item.location,
			description: item.description
		});
	}
	return days;
}

/** The one zone label of a schedule, or null when days differ (then each day shows its own). */
export function commonZone(days: readonly ScheduleDay[]): string | null {
	const zones = new Set(days.map((d) => d.zone));
	return zones.size === 1 ? [...zones][0] : null;
}
