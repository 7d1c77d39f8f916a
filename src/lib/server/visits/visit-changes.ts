import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { formatDateTime, formatTime, formatDate } from '../../time.ts';
import type { VisitChange } from '../mail/templates/visits.ts';

// What participants are told when an organizer saves a visit: each change as old → new, with
// times in the event's zone, in the reader's language (the texts themselves as written).
// Summary, seats and eligibility do not concern those already going.

export type PlanSnapshot = {
	title: string;
	meetingPoint: string;
	transport: string;
	departsAt: Date;
	returnsAt: Date;
	stops: Array<{
		id?: number;
		place: string;
		address: string;
		activity: string;
		arrivesAt: Date;
		leavesAt: Date;
	}>;
};

const same = (a: Date, b: Date) => a.getTime() === b.getTime();

function stopTimes(
	s: { arrivesAt: Date; leavesAt: Date },
	departsAt: Date,
	tz: string,
	locale: Locale
): string {
	// The date only when the stop is not on the day the visit leaves.
	const date = (at: Date) => formatDate(at, tz, {}, locale);
	const day = date(s.arrivesAt) === date(departsAt) ? '' : `${date(s.arrivesAt)} `;
	return `${day}${formatTime(s.arrivesAt, tz)}–${formatTime(s.leavesAt, tz)}`;
}

/** The changes between two versions of a visit that participants need to know, in `locale`. */
export function describeChanges(
	before: PlanSnapshot,
	after: PlanSnapshot,
	timeZone: string,
	locale: Locale = 'en'
): VisitChange[] {
	const tz = timeZone;
	const t = { locale };
	const changes: VisitChange[] = [];
	const orNone = (v: string) => v || m.vch_none({}, t);
	const times = (s: { arrivesAt: Date; leavesAt: Date }, departsAt: Date) =>
		stopTimes(s, departsAt, tz, locale);
	const text = (label: string, a: string, b: string) => {
		if (a !== b) changes.push({ label, from: orNone(a), to: orNone(b) });
	};
	text(m.vis_f_title({}, t), before.title, after.title);
	if (!same(before.departsAt, after.departsAt)) {
		changes.push({
			label: m.vch_departure({}, t),
			from: formatDateTime(before.departsAt, tz, false, locale),
			to: formatDateTime(after.departsAt, tz, false, locale)
		});
	}
	if (!same(before.returnsAt, after.returnsAt)) {
		changes.push({
			label: m.vch_return({}, t),
			from: formatDateTime(before.returnsAt, tz, false, locale),
			to: formatDateTime(after.returnsAt, tz, false, locale)
		});
	}
	text(m.vis_f_meeting_point({}, t), before.meetingPoint, after.meetingPoint);
	text(m.vis_f_transport({}, t), before.transport, after.transport);

	const kept = after.stops.filter(
		(s) => s.id !== undefined && before.stops.some((b) => b.id === s.id)
	);
	for (const stop of after.stops) {
		const old = stop.id === undefined ? undefined : before.stops.find((b) => b.id === stop.id);
		if (!old) {
			changes.push({
				label: m.vch_new_stop({}, t),
				from: m.vch_none({}, t),
				to: `${stop.place}${m.punct_list({}, t)}${times(stop, after.departsAt)}`
			});
			continue;
		}
		const of = (place: string, field: () => string) =>
			m.vch_stop_field({ place, field: field() }, t);
		if (old.place !== stop.place) {
			changes.push({
				label: of(old.place, () => m.vis_f_place({}, t)),
				from: old.place,
				to: stop.place
			});
		}
		if (!same(old.arrivesAt, stop.arrivesAt) || !same(old.leavesAt, stop.leavesAt)) {
			changes.push({
				label: of(stop.place, () => m.vch_time({}, t)),
				from: times(old, before.departsAt),
				to: times(stop, after.departsAt)
			});
		}
		text(
			of(stop.place, () => m.vis_f_address({}, t)),
			old.address,
			stop.address
		);
		text(
			of(stop.place, () => m.vis_f_activity({}, t)),
			old.activity,
			stop.activity
		);
	}
	for (const old of before.stops) {
		if (!after.stops.some((s) => s.id !== undefined && s.id === old.id)) {
			changes.push({
				label: m.vch_stop_removed({}, t),
				from: `${old.place}${m.punct_list({}, t)}${times(old, before.departsAt)}`,
				to: m.vch_removed({}, t)
			});
		}
	}
	const oldOrder = before.stops.filter((b) => kept.some((k) => k.id === b.id)).map((s) => s.id);
	const newOrder = kept.map((s) => s.id);
	if (oldOrder.join(',') !== newOrder.join(',')) {
		changes.push({
			label: m.vch_order({}, t),
			from: before.stops.map((s) => s.place).join(m.vch_then({}, t)),
			to: after.stops.map((s) => s.place).join(m.vch_then({}, t))
		});
	}
	return changes;
}
