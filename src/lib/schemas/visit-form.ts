import { fromZonedInput } from '../time.ts';
import { checkVisitPlan, type EventWindow, type PlanIssue } from './visit.ts';

// The organizer's visit form as typed (strings), how it is read from a POST, and the stop
// editing steps (add, move, remove) shared by the browser and the no-JavaScript `draft` action.

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
