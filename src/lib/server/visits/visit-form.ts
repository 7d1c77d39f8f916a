import { fieldErrors } from '../../schemas/fields.ts';
import { visitSchema, type EventWindow, type VisitInput } from '../../schemas/visit.ts';
import {
	applyStopOp,
	planIssuesOfValues,
	visitFormValues,
	type VisitFormValues
} from '../../schemas/visit-form.ts';
import { toZonedInput } from '../../time.ts';
import type { Event, FieldVisit, FieldVisitStop } from '../db/schema.ts';

// Between the organizer's visit form (strings in the event's zone) and the service's input.

/** The event's days and zone, against which a visit is checked. */
export function eventWindow(
	event: Pick<Event, 'time_zone' | 'starts_on' | 'ends_on'>
): EventWindow {
	return { timeZone: event.time_zone, startsOn: event.starts_on, endsOn: event.ends_on };
}

/** A saved visit as form values. */
export function visitToFormValues(
	visit: FieldVisit,
	stops: FieldVisitStop[],
	timeZone: string
): VisitFormValues {
	return {
		version: String(visit.version),
		title: visit.title,
		summary: visit.summary,
		meetingPoint: visit.meeting_point,
		departsAt: toZonedInput(visit.departs_at, timeZone),
		returnsAt: toZonedInput(visit.returns_at, timeZone),
		transport: visit.transport,
		seats: String(visit.seats),
		eligibility: visit.eligible_categories ? 'chosen' : 'all',
		categories: visit.eligible_categories ?? [],
		stops: stops.map((s) => ({
			id: String(s.id),
			arrivesAt: toZonedInput(s.arrives_at, timeZone),
			leavesAt: toZonedInput(s.leaves_at, timeZone),
			place: s.place,
			address: s.address,
			activity: s.activity,
			hostContact: s.host_contact
		}))
	};
}

/** A new visit's form: on the event's first day, 08:00–16:00. */
export function newVisitValues(event: Pick<Event, 'starts_on'>): VisitFormValues {
	return {
		version: '',
		title: '',
		summary: '',
		meetingPoint: '',
		departsAt: `${event.starts_on}T08:00`,
		returnsAt: `${event.starts_on}T16:00`,
		transport: '',
		seats: '',
		eligibility: 'all',
		categories: [],
		stops: []
	};
}

export type ParsedVisitForm =
	{ ok: true; input: VisitInput } | { ok: false; errors: Record<string, string> };

/** Checks the typed values for an event: the input, or a message per field. */
export function parseVisitForm(values: VisitFormValues, event: EventWindow): ParsedVisitForm {
	const parsed = visitSchema(event).safeParse(values);
	if (parsed.success) return { ok: true, input: parsed.data };
	const errors = fieldErrors(parsed.error);
	for (const issue of planIssuesOfValues(values, event))
		errors[issue.path.join('.')] ??= issue.message;
	return { ok: false, errors };
}

/** The `draft` action: applies a stop editing step (add, move, remove) and returns the form unsaved. */
export function draftValues(form: FormData): VisitFormValues {
	const values = visitFormValues(form);
	const op = form.get('op');
	values.stops = applyStopOp(values.stops, typeof op === 'string' ? op : '', values.departsAt);
	return values;
}
