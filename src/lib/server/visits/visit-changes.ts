import { formatDateTime, formatTime, formatDate } from '../../time.ts';
import type { VisitChange } from '../mail/templates/visits.ts';

// What participants are told when an organizer saves a visit: each change as old → new, with
// times in the event's zone. Summary, seats and eligibility do not concern those already going.

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
const orNone = (v: string) => v || '(none)';

function stopTimes(s: { arrivesAt: Date; leavesAt: Date }, departsAt: Date, tz: string): string {
	// The date only when the stop is not on the day the visit leaves.
	const day =
		formatDate(s.arrivesAt, tz) === formatDate(departsAt, tz)
			? ''
			: `${formatDate(s.arrivesAt, tz)}, `;
	return `${day}${formatTime(s.arrivesAt, tz)}–${formatTime(s.leavesAt, tz)}`;
}

/** The changes between two versions of a visit that participants need to know. */
export function describeChanges(
	before: PlanSnapshot,
	after: PlanSnapshot,
	timeZone: string
): VisitChange[] {
	const tz = timeZone;
	const changes: VisitChange[] = [];
	const text = (label: string, a: string, b: string) => {
		if (a !== b) changes.push({ label, from: orNone(a), to: orNone(b) });
	};
	text('Title', before.title, after.title);
	if (!same(before.departsAt, after.departsAt)) {
		changes.push({
			label: 'Departure',
			from: formatDateTime(before.departsAt, tz, false),
			to: formatDateTime(after.departsAt, tz, false)
		});
	}
	if (!same(before.returnsAt, after.returnsAt)) {
		changes.push({
			label: 'Return',
			from: formatDateTime(before.returnsAt, tz, false),
			to: formatDateTime(after.returnsAt, tz, false)
		});
	}
	text('Meeting point', before.meetingPoint, after.meetingPoint);
	text('Transport', before.transport, after.transport);

	const kept = after.stops.filter(
		(s) => s.id !== undefined && before.stops.some((b) => b.id === s.id)
	);
	for (const stop of after.stops) {
		const old = stop.id === undefined ? undefined : before.stops.find((b) => b.id === stop.id);
		if (!old) {
			changes.push({
				label: 'New stop',
				from: '(none)',
				to: `${stop.place}, ${stopTimes(stop, after.departsAt, tz)}`
			});
			continue;
		}
		const name = `Stop “${stop.place}”`;
		if (old.place !== stop.place) {
			changes.push({ label: `Stop “${old.place}”: place`, from: old.place, to: stop.place });
		}
		if (!same(old.arrivesAt, stop.arrivesAt) || !same(old.leavesAt, stop.leavesAt)) {
			changes.push({
				label: `${name}: time`,
				from: stopTimes(old, before.departsAt, tz),
				to: stopTimes(stop, after.departsAt, tz)
			});
		}
		text(`${name}: address`, old.address, stop.address);
		text(`${name}: activity`, old.activity, stop.activity);
	}
	for (const old of before.stops) {
		if (!after.stops.some((s) => s.id !== undefined && s.id === old.id)) {
			changes.push({
				label: 'Stop removed',
				from: `${old.place}, ${stopTimes(old, before.departsAt, tz)}`,
				to: '(removed)'
			});
		}
	}
	const oldOrder = before.stops.filter((b) => kept.some((k) => k.id === b.id)).map((s) => s.id);
	const newOrder = kept.map((s) => s.id);
	if (oldOrder.join(',') !== newOrder.join(',')) {
		changes.push({
			label: 'Order of stops',
			from: before.stops.map((s) => s.place).join(', then '),
			to: after.stops.map((s) => s.place).join(', then ')
		});
	}
	return changes;
}
