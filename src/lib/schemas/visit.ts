import { z } from 'zod';
import { dayKey, formatDayRange, formatTime, fromZonedInput } from '../time.ts';
import { optionalText, text } from './fields.ts';

// A field visit as an organizer types it: datetime-local values are in the event's zone.
// Shared by the admin form (values kept on failure), the service (re-checked) and the seed.

export const CATEGORIES = [
	'head_of_delegation',
	'delegate',
	'observer',
	'resource_person',
	'secretariat',
	'press'
] as const;
export type VisitCategory = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<VisitCategory, string> = {
	head_of_delegation: 'Heads of delegation',
	delegate: 'Delegates',
	observer: 'Observers',
	resource_person: 'Resource persons',
	secretariat: 'Secretariat',
	press: 'Press'
};

/** One stop as typed into the form (strings), kept to refill the form after a failure. */
export type StopFormValues = {
	id: string;
	arrivesAt: string;
	leavesAt: string;
	place: string;
	address: string;
	activity: string;
	hostContact: string;
};

/** The whole visit form as typed (strings). */
export type VisitFormValues = {
	version: string;
	title: string;
	summary: string;
	meetingPoint: string;
	departsAt: string;
	returnsAt: string;
	transport: string;
	seats: string;
	eligibility: 'all' | 'chosen';
	categories: string[];
	stops: StopFormValues[];
};

export const STOP_KEYS = [
	'id',
	'arrivesAt',
	'leavesAt',
	'place',
	'address',
	'activity',
	'hostContact'
] as const;

const stopFieldName = (key: (typeof STOP_KEYS)[number]) =>
	`stop${key[0].toUpperCase()}${key.slice(1)}`;

/** The form name of a stop field: stops repeat the same names, in page order. */
export const STOP_FIELD = Object.fromEntries(STOP_KEYS.map((k) => [k, stopFieldName(k)])) as Record<
	(typeof STOP_KEYS)[number],
	string
>;

/** Reads the visit form's fields (stops are repeated fields in page order). */
export function visitFormValues(form: FormData): VisitFormValues {
	const one = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const many = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const columns = STOP_KEYS.map((k) => many(STOP_FIELD[k]));
	const count = Math.min(50, Math.max(...columns.map((c) => c.length)));
	const stops: StopFormValues[] = [];
	for (let i = 0; i < count; i++) {
		const stop = Object.fromEntries(
			STOP_KEYS.map((k, j) => [k, columns[j][i] ?? ''])
		) as StopFormValues;
		stops.push(stop);
	}
	return {
		version: one('version'),
		title: one('title'),
		summary: one('summary'),
		meetingPoint: one('meetingPoint'),
		departsAt: one('departsAt'),
		returnsAt: one('returnsAt'),
		transport: one('transport'),
		seats: one('seats'),
		eligibility: one('eligibility') === 'chosen' ? 'chosen' : 'all',
		categories: many('categories'),
		stops
	};
}

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
	eligibleCategories: VisitCategory[] | null;
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
			const chosen = v.categories.filter((c): c is VisitCategory =>
				(CATEGORIES as readonly string[]).includes(c)
			);
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

/** A datetime-local value moved by some minutes on the wall clock (for sensible defaults). */
function addMinutes(local: string, minutes: number): string {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(local);
	if (!m) return local;
	const at = new Date(`${m[1]}T${m[2]}:${m[3]}:00Z`);
	return new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, 16);
}

/** A blank stop, starting when the previous one ends (or at departure). */
export function blankStop(previous: StopFormValues | undefined, departsAt: string): StopFormValues {
	const arrivesAt = previous?.leavesAt || (departsAt ? addMinutes(departsAt, 30) : '');
	return {
		id: '',
		arrivesAt,
		leavesAt: arrivesAt ? addMinutes(arrivesAt, 60) : '',
		place: '',
		address: '',
		activity: '',
		hostContact: ''
	};
}

/**
 * Applies an editing step to the stops without saving: "add", "up:2", "down:0", "remove:1".
 * The same steps run in the browser (instantly) and on the server (forms without JavaScript).
 */
export function applyStopOp(
	stops: StopFormValues[],
	op: string,
	departsAt: string
): StopFormValues[] {
	const next = [...stops];
	if (op === 'add') {
		if (next.length < 50) next.push(blankStop(next[next.length - 1], departsAt));
		return next;
	}
	const m = /^(up|down|remove):(\d+)$/.exec(op);
	if (!m) return next;
	const i = Number(m[2]);
	if (i >= next.length) return next;
	if (m[1] === 'remove') next.splice(i, 1);
	else {
		const j = m[1] === 'up' ? i - 1 : i + 1;
		if (j >= 0 && j < next.length) [next[i], next[j]] = [next[j], next[i]];
	}
	return next;
}

/**
 * The planning problems of a form whose other fields may still be wrong, so that an organizer
 * sees every problem at once (the schema checks the plan only when every field is valid).
 */
export function planIssuesOfValues(values: VisitFormValues, event: EventWindow): PlanIssue[] {
	const at = (v: string) => fromZonedInput(v, event.timeZone);
	const departsAt = at(values.departsAt);
	const returnsAt = at(values.returnsAt);
	if (!departsAt || !returnsAt) return [];
	const stops = values.stops.map((s) => ({ ...s, a: at(s.arrivesAt), l: at(s.leavesAt) }));
	if (stops.some((s) => !s.a || !s.l)) return [];
	return checkVisitPlan(
		{
			title: values.title,
			summary: '',
			meetingPoint: '',
			departsAt,
			returnsAt,
			transport: '',
			seats: 0,
			eligibleCategories: null,
			stops: stops.map((s) => ({
				arrivesAt: s.a!,
				leavesAt: s.l!,
				place: s.place.trim() || 'unnamed',
				address: '',
				activity: '',
				hostContact: ''
			}))
		},
		event
	);
}
