import { z } from 'zod';
import { dayKey, formatDayRange, formatTime, fromZonedInput } from '../time.ts';
import { optionalText, text } from './fields.ts';
import { isCategory, type Category } from '../domain/category.ts';

// A field visit as an organizer types it: datetime-local values are in the event's zone.
// Shared by the admin form (values kept on failure), the service (re-checked) and the seed.

export type StopInput = {
	id?: number;
	arrivesAt: Date;
	leavesAt: Date;
	place: string;
	address: string;
	activity: string;
	hostContact: string;
};

export type VisitInput = {
	title: string;
	summary: string;
	meetingPoint: string;
	departsAt: Date;
	returnsAt: Date;
	transport: string;
	seats: number;
	/** null: every registrant may join. */
	eligibleCategories: Category[] | null;
	stops: StopInput[];
};

export type EventWindow = { timeZone: string; startsOn: string; endsOn: string };

const zoned = (label: string, timeZone: string) =>
	z.string().transform((value, ctx) => {
		if (!value.trim()) {
			ctx.addIssue({ code: 'custom', message: `${label} is required` });
			return z.NEVER;
		}
		const at = fromZonedInput(value, timeZone);
		if (!at) {
			ctx.addIssue({ code: 'custom', message: `${label}: enter a date and time` });
			return z.NEVER;
		}
		return at;
	});

const singleLine = (max: number, label: string) =>
	optionalText(max, label)
		.transform((v) => v ?? '')
		.refine((v) => !/[\r\n]/.test(v), `${label} must be on one line`);

/** A planning problem: which field, and a sentence an organizer understands. */
export type PlanIssue = { path: (string | number)[]; message: string };

function span(a: Date, b: Date, timeZone: string) {
	return `${formatTime(a, timeZone)}–${formatTime(b, timeZone)}`;
}

/**
 * The rules across fields: the visit inside the event's days, return after departure, each stop
 * inside the visit's times and after the previous one. Returns every problem found.
 */
export function checkVisitPlan(input: VisitInput, event: EventWindow): PlanIssue[] {
	const issues: PlanIssue[] = [];
	const tz = event.timeZone;
	const days = formatDayRange(event.startsOn, event.endsOn);
	if (dayKey(input.departsAt, tz) < event.startsOn || dayKey(input.departsAt, tz) > event.endsOn) {
		issues.push({
			path: ['departsAt'],
			message: `The visit must take place during the event (${days}).`
		});
	}
	if (dayKey(input.returnsAt, tz) > event.endsOn || dayKey(input.returnsAt, tz) < event.startsOn) {
		issues.push({
			path: ['returnsAt'],
			message: `The visit must be back by the end of the event (${days}).`
		});
	}
	if (input.returnsAt <= input.departsAt) {
		issues.push({ path: ['returnsAt'], message: 'Return must be after departure.' });
		return issues;
	}
	const window = span(input.departsAt, input.returnsAt, tz);
	input.stops.forEach((stop, i) => {
		if (stop.leavesAt < stop.arrivesAt) {
			issues.push({
				path: ['stops', i, 'leavesAt'],
				message: 'Leaving time must not be before the arrival time.'
			});
		}
		if (stop.arrivesAt < input.departsAt || stop.arrivesAt > input.returnsAt) {
			issues.push({
				path: ['stops', i, 'arrivesAt'],
				message: `Arrival is outside the visit's times (${window}).`
			});
		}
		if (stop.leavesAt > input.returnsAt || stop.leavesAt < input.departsAt) {
			issues.push({
				path: ['stops', i, 'leavesAt'],
				message: `Leaving is outside the visit's times (${window}).`
			});
		}
		const previous = input.stops[i - 1];
		if (previous && stop.arrivesAt < previous.leavesAt) {
			issues.push({
				path: ['stops', i, 'arrivesAt'],
				message: `Stops must be in time order: this one arrives before the previous stop (${previous.place}) ends at ${formatTime(previous.leavesAt, tz)}.`
			});
		}
	});
	return issues;
}

/** The visit form's schema for an event (times are read in its zone; plan rules applied). */
export function visitSchema(event: EventWindow) {
	const stop = z.object({
		id: z
			.string()
			.optional()
			.transform((v) => (v && /^\d{1,12}$/.test(v) ? Number(v) : undefined)),
		arrivesAt: zoned('Arrival', event.timeZone),
		leavesAt: zoned('Leaving time', event.timeZone),
		place: text(200, 'Place'),
		address: singleLine(300, 'Address'),
		activity: optionalText(1000, 'Activity').transform((v) => v ?? ''),
		hostContact: singleLine(300, 'Host contact')
	});
	return z
		.object({
			title: text(200, 'Title').refine((v) => !/[\r\n]/.test(v), 'Title must be on one line'),
			summary: optionalText(4000, 'Summary').transform((v) => v ?? ''),
			meetingPoint: singleLine(300, 'Meeting point'),
			departsAt: zoned('Departure', event.timeZone),
			returnsAt: zoned('Return', event.timeZone),
			transport: singleLine(200, 'Transport'),
			seats: z
				.string()
				.trim()
				.min(1, 'Seats is required')
				.regex(/^\d+$/, 'Seats must be a whole number')
				.transform(Number)
				.pipe(z.number().max(10_000, 'Seats must be at most 10000')),
			eligibility: z.enum(['all', 'chosen']),
			categories: z.array(z.string()),
			stops: z.array(stop).max(50, 'At most 50 stops')
		})
		.transform((v, ctx): VisitInput => {
			const chosen = v.categories.filter(isCategory);
			if (v.eligibility === 'chosen' && chosen.length === 0) {
				ctx.addIssue({
					code: 'custom',
					path: ['categories'],
					message: 'Choose at least one category, or let all registrants join.'
				});
			}
			const input: VisitInput = {
				title: v.title,
				summary: v.summary,
				meetingPoint: v.meetingPoint,
				departsAt: v.departsAt,
				returnsAt: v.returnsAt,
				transport: v.transport,
				seats: v.seats,
				eligibleCategories: v.eligibility === 'chosen' ? chosen : null,
				stops: v.stops
			};
			for (const issue of checkVisitPlan(input, event)) {
				ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
			}
			return input;
		});
}
