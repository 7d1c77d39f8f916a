import type { Category } from './domain/category.ts';
import type { RegistrationStatus } from './domain/registration-status.ts';

// The attendee list's query: filters, sort and page, shared by the list and export pages
// (browser-safe). Statuses and categories with their labels: src/lib/domain.

export const SORTS = ['name', 'delegation', 'reference', 'registered', 'status'] as const;
export type SortKey = (typeof SORTS)[number];

export const PAGE_SIZE = 50;

/** What the list shows: filters, order and page, as they appear in the URL. */
export type AttendeeQuery = {
	status: RegistrationStatus | null;
	/** Delegation code, e.g. "TH". */
	delegation: string | null;
	category: Category | null;
	/** Field visit id. */
	visit: number | null;
	checkedIn: boolean | null;
	/** An answer to one of the event's questions: "<question id>:<choice id | yes | no>". */
	answer: string | null;
	q: string;
	sort: SortKey;
	dir: 'asc' | 'desc';
	page: number;
};

export const DEFAULT_QUERY: AttendeeQuery = {
	status: null,
	delegation: null,
	category: null,
	visit: null,
	checkedIn: null,
	answer: null,
	q: '',
	sort: 'name',
	dir: 'asc',
	page: 1
};

/**
 * The order a list starts in: the waiting list in its own order (first registered, first in
 * line, as people are confirmed from it), everything else by name.
 */
export function defaultSort(status: RegistrationStatus | null): SortKey {
	return status === 'waitlisted' ? 'registered' : DEFAULT_QUERY.sort;
}

/** The URL parameters of a query, leaving out defaults so bookmarks stay short. */
export function queryParams(query: AttendeeQuery, change: Partial<AttendeeQuery> = {}) {
	const q = { ...query, ...change };
	const params = new URLSearchParams();
	if (q.q) params.set('q', q.q);
	if (q.status) params.set('status', q.status);
	if (q.delegation) params.set('delegation', q.delegation);
	if (q.category) params.set('category', q.category);
	if (q.visit !== null) params.set('visit', String(q.visit));
	if (q.checkedIn !== null) params.set('checkin', q.checkedIn ? 'yes' : 'no');
	if (q.answer) params.set('answer', q.answer);
	if (q.sort !== defaultSort(q.status)) params.set('sort', q.sort);
	if (q.dir !== DEFAULT_QUERY.dir) params.set('dir', q.dir);
	if (q.page > 1) params.set('page', String(q.page));
	return params;
}

/** "?q=…&status=…" for a link, or "?" alone when everything is the default. */
export function queryString(query: AttendeeQuery, change: Partial<AttendeeQuery> = {}): string {
	return `?${queryParams(query, change).toString()}`;
}
