import { m } from '../../paraglide/messages.js';
import {
	DEFAULT_QUERY,
	defaultSort,
	SORTS,
	type AttendeeQuery,
	type SortKey
} from '../../attendees.ts';
import { CATEGORIES, type Category } from '../../domain/category.ts';
import {
	REGISTRATION_STATUSES,
	type RegistrationStatus
} from '../../domain/registration-status.ts';

// Reading the attendee list's URL. Anything unknown (a stale bookmark, a hand-edited link) is
// dropped with a note the page shows: never an error page for something a user can type.

export type FilterOptions = {
	delegations: ReadonlyArray<{ id: number; code: string }>;
	visits: ReadonlyArray<{ id: number }>;
	/** The answers one may filter by (attendee-answers.ts). */
	answers?: ReadonlyArray<{ value: string }>;
};

/** A query resolved against the event: the delegation as an id, ready for SQL. */
export type AttendeeFilter = Omit<AttendeeQuery, 'delegation'> & { delegationId: number | null };

export const MAX_SEARCH_LENGTH = 100;

function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
	return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Parses ?status=&delegation=&category=&visit=&checkin=&q=&sort=&dir=&page=, with notes. */
export function parseAttendeeQuery(
	params: URLSearchParams,
	options: FilterOptions
): { query: AttendeeQuery; filter: AttendeeFilter; notes: string[] } {
	const notes: string[] = [];
	const query: AttendeeQuery = { ...DEFAULT_QUERY };
	// What was not understood, said in the page's language (`what` names the parameter).
	const ignore = (what: () => string, value: string) =>
		notes.push(m.att_note_ignored({ what: what(), value: value.slice(0, 40) }));
	const get = (key: string) => (params.get(key) ?? '').trim();

	const status = get('status');
	if (status)
		query.status =
			pick<RegistrationStatus>(status, REGISTRATION_STATUSES) ??
			(ignore(m.att_what_status, status), null);

	let delegationId: number | null = null;
	const delegation = get('delegation').toUpperCase();
	if (delegation) {
		const found = options.delegations.find((d) => d.code === delegation);
		if (found) {
			query.delegation = found.code;
			delegationId = found.id;
		} else ignore(m.att_what_delegation, delegation);
	}

	const category = get('category');
	if (category) {
		query.category =
			pick<Category>(category, CATEGORIES) ?? (ignore(m.att_what_category, category), null);
	}

	const visit = get('visit');
	if (visit) {
		const id = /^\d{1,15}$/.test(visit) ? Number(visit) : NaN;
		if (options.visits.some((v) => v.id === id)) query.visit = id;
		else ignore(m.att_what_visit, visit);
	}

	const checkin = get('checkin');
	if (checkin === 'yes' || checkin === 'no') query.checkedIn = checkin === 'yes';
	else if (checkin) ignore(m.att_what_checkin, checkin);

	const answer = get('answer');
	if (answer) {
		if (options.answers?.some((a) => a.value === answer)) query.answer = answer;
		else ignore(m.att_what_answer, answer);
	}

	const q = get('q').normalize('NFC');
	if (q.length > MAX_SEARCH_LENGTH)
		notes.push(m.att_note_search_shortened({ max: MAX_SEARCH_LENGTH }));
	query.q = q.slice(0, MAX_SEARCH_LENGTH);

	const sort = get('sort');
	query.sort = defaultSort(query.status);
	if (sort) query.sort = pick<SortKey>(sort, SORTS) ?? (ignore(m.att_what_sort, sort), query.sort);
	const dir = get('dir');
	if (dir === 'asc' || dir === 'desc') query.dir = dir;
	else if (dir) ignore(m.att_what_dir, dir);

	const page = get('page');
	if (page) {
		if (/^\d{1,6}$/.test(page) && Number(page) >= 1) query.page = Number(page);
		else ignore(m.att_what_page, page);
	}

	const filter: AttendeeFilter = {
		status: query.status,
		delegationId,
		category: query.category,
		visit: query.visit,
		checkedIn: query.checkedIn,
		answer: query.answer,
		q: query.q,
		sort: query.sort,
		dir: query.dir,
		page: query.page
	};
	return { query, filter, notes };
}

/** Words of a search, each escaped for LIKE (a "%" typed by a user is a percent sign). */
export function searchWords(q: string): string[] {
	return q
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 8)
		.map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}
