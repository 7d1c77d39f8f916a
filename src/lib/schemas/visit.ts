import { z } from 'zod';
import { dayKey, formatDayRange, formatTime, fromZonedInput } from '../time.ts';
import { optionalText, text, type Label } from './fields.ts';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
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

const say = (label: Label): string => (typeof label === 'string' ? label : label());

const zoned = (label: Label, timeZone: string) =>
	z.string().transform((value, ctx) => {
		if (!value.trim()) {
			ctx.addIssue({ code: 'custom', message: m.field_required({ label: say(label) }) });
			return z.NEVER;
		}
		const at = fromZonedInput(value, timeZone);
		if (!at) {
			ctx.addIssue({ code: 'custom', message: m.vis_s_datetime({ label: say(label) }) });
			return z.NEVER;
		}
		return at;
	});

const singleLine = (max: number, label: Label) =>
	optionalText(max, label)
		.transform((v) => v ?? '')
		.refine((v) => !/[\r\n]/.test(v), { error: () => m.field_one_line({ label: say(label) }) });

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
	const days = formatDayRange(event.startsOn, event.endsOn, getLocale());
	if (dayKey(input.departsAt, tz) < event.startsOn || dayKey(input.departsAt, tz) > event.endsOn) {
		issues.push({
			path: ['departsAt'],
			message: m.vis_s_during({ days })
		});
	}
	if (dayKey(input.returnsAt, tz) > event.endsOn || dayKey(input.returnsAt, tz) < event.startsOn) {
		issues.push({
			path: ['returnsAt'],
			message: m.vis_s_back_by({ days })
		});
	}
	if (input.returnsAt <= input.departsAt) {
		issues.push({ path: ['returnsAt'], message: m.vis_s_return_after() });
		return issues;
	}
	const window = span(input.departsAt, input.returnsAt, tz);
	input.stops.forEach((stop, i) => {
		if (stop.leavesAt < stop.arrivesAt) {
			issues.push({
				path: ['stops', i, 'leavesAt'],
				message: m.vis_s_leave_after()
			});
		}
		if (stop.arrivesAt < input.departsAt || stop.arrivesAt > input.returnsAt) {
			issues.push({
				path: ['stops', i, 'arrivesAt'],
				message: m.vis_s_arrival_outside({ window })
			});
		}
		if (stop.leavesAt > input.returnsAt || stop.leavesAt < input.departsAt) {
			issues.push({
				path: ['stops', i, 'leavesAt'],
				message: m.vis_s_leaving_outside({ window })
			});
		}
		const previous = input.stops[i - 1];
		if (previous && stop.arrivesAt < previous.leavesAt) {
			issues.push({
				path: ['stops', i, 'arrivesAt'],
				message: m.vis_s_order({
					place: previous.place,
					time: formatTime(previous.leavesAt, tz)
				})
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
		arrivesAt: zoned(m.vis_s_arrival, event.timeZone),
		leavesAt: zoned(m.vis_s_leaving, event.timeZone),
		place: text(200, m.vis_f_place),
		address: singleLine(300, m.vis_f_address),
		activity: optionalText(1000, m.vis_f_activity).transform((v) => v ?? ''),
		hostContact: singleLine(300, m.vis_f_host_contact)
	});
	return z
		.object({
			title: text(200, m.vis_f_title).refine((v) => !/[\r\n]/.test(v), {
				error: () => m.field_one_line({ label: m.vis_f_title() })
			}),
			summary: optionalText(4000, m.vis_f_summary).transform((v) => v ?? ''),
			meetingPoint: singleLine(300, m.vis_f_meeting_point),
			departsAt: zoned(m.vis_f_departure, event.timeZone),
			returnsAt: zoned(m.vis_f_return, event.timeZone),
			transport: singleLine(200, m.vis_f_transport),
			seats: z
				.string()
				.trim()
				.min(1, { error: () => m.field_required({ label: m.vis_f_seats() }) })
				.regex(/^\d+$/, { error: () => m.vis_s_seats_whole() })
				.transform(Number)
				.pipe(z.number().max(10_000, { error: () => m.vis_s_seats_max() })),
			eligibility: z.enum(['all', 'chosen']),
			categories: z.array(z.string()),
			stops: z.array(stop).max(50, { error: () => m.vis_s_max_stops() })
		})
		.transform((v, ctx): VisitInput => {
			const chosen = v.categories.filter(isCategory);
			if (v.eligibility === 'chosen' && chosen.length === 0) {
				ctx.addIssue({
					code: 'custom',
					path: ['categories'],
					message: m.vis_s_choose_category()
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
