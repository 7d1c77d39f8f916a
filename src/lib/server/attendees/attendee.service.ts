import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { getLocale } from '../../paraglide/runtime.js';
import { m } from '../../paraglide/messages.js';
import { PAGE_SIZE } from '../../attendees.ts';
import { REGISTRATION_STATUSES } from '../../domain/registration-status.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { RegistrationStatus } from '../db/schema.ts';
import { listDelegations } from '../events/event.repository.ts';
import { waitlistPositions } from '../registrations/waitlist.repository.ts';
import { answerFilterOptions } from '../questions/question.service.ts';
import { parseAttendeeQuery, type AttendeeFilter } from './attendee-filter.ts';
import {
	countByDelegation,
	countByStatus,
	listAttendeeIds,
	listAttendeesByIds,
	listGroupSlice,
	listVisitOptions,
	type GroupSlice
} from './attendee.repository.ts';

// The attendee list: what a secretariat member filters, sorts and pages through.

/**
 * The options the filter form offers for an event (delegations, field visits, answers), named in
 * the page's language.
 */
export async function attendeeFilterOptions(eventId: number) {
	const [delegations, visits, answers] = await Promise.all([
		listDelegations(db(), eventId),
		listVisitOptions(db(), eventId),
		answerFilterOptions(eventId)
	]);
	const locale = getLocale();
	return {
		delegations: delegations.map((d) => ({ ...d, name: delegationNameIn(d, locale) })),
		visits: visits.map(({ translations, ...v }) => ({
			...v,
			title: inLanguage({ ...v, translations }, 'title', locale)
		})),
		answers
	};
}

type Slice<K> = { key: K; offset: number; limit: number };

/**
 * Which part of which groups a page covers, walking the groups (delegations in display order,
 * statuses in workflow order) with their counts. Sorting 100 000 rows by a joined delegation
 * name took ~400 ms; reading one or two groups' slices along an index takes a few.
 */
export function groupSlices<K>(
	counts: Map<K, number>,
	order: K[],
	offset: number,
	limit: number
): Slice<K>[] {
	const slices: Slice<K>[] = [];
	let skip = offset;
	let remaining = limit;
	for (const key of order) {
		const count = counts.get(key) ?? 0;
		if (skip >= count) {
			skip -= count;
			continue;
		}
		const take = Math.min(count - skip, remaining);
		slices.push({ key, offset: skip, limit: take });
		remaining -= take;
		skip = 0;
		if (remaining === 0) break;
	}
	return slices;
}

type PageContext = {
	eventId: number;
	filter: AttendeeFilter;
	delegationOrder: number[];
	statusCounts: Promise<Record<RegistrationStatus, number>>;
};

async function pageIds(context: PageContext, page: number): Promise<number[]> {
	const { eventId, filter } = context;
	const offset = (page - 1) * PAGE_SIZE;
	const reverse = <T>(list: T[]) => (filter.dir === 'asc' ? list : [...list].reverse());
	let slices: GroupSlice[];
	if (filter.sort === 'delegation') {
		const counts = await countByDelegation(db(), eventId, filter);
		slices = groupSlices(counts, reverse(context.delegationOrder), offset, PAGE_SIZE).map((s) => ({
			group: { delegationId: s.key },
			offset: s.offset,
			limit: s.limit
		}));
	} else if (filter.sort === 'status') {
		const counts = new Map(Object.entries(await context.statusCounts)) as Map<
			RegistrationStatus,
			number
		>;
		const order = reverse([...REGISTRATION_STATUSES]).filter(
			(s) => !filter.status || s === filter.status
		);
		slices = groupSlices(counts, order, offset, PAGE_SIZE).map((s) => ({
			group: { status: s.key },
			offset: s.offset,
			limit: s.limit
		}));
	} else {
		return listAttendeeIds(db(), eventId, filter, { limit: PAGE_SIZE, offset });
	}
	const parts = await Promise.all(slices.map((s) => listGroupSlice(db(), eventId, filter, s)));
	return parts.flat();
}

/** One page of an event's attendees for the URL's filters, with counts per status and notes. */
export async function attendeeList(actor: Actor, eventId: number, params: URLSearchParams) {
	await assertCan(actor, eventId, 'registrations.view');
	const options = await attendeeFilterOptions(eventId);
	const { query, filter, notes } = parseAttendeeQuery(params, options);
	const context: PageContext = {
		eventId,
		filter,
		delegationOrder: options.delegations.map((d) => d.id),
		statusCounts: countByStatus(db(), eventId, filter)
	};
	// The counts and the page are read side by side; only a page past the end needs another go.
	const [counts, firstIds] = await Promise.all([
		context.statusCounts,
		pageIds(context, filter.page)
	]);
	let ids = firstIds;
	const total = filter.status
		? counts[filter.status]
		: Object.values(counts).reduce((a, b) => a + b, 0);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	if (filter.page > pages) {
		notes.push(m.att_note_no_page({ page: filter.page, pages }));
		query.page = filter.page = pages;
		ids = await pageIds(context, pages);
	}
	const found = await listAttendeesByIds(db(), ids);
	const waiting = found.filter((r) => r.status === 'waitlisted').map((r) => r.id);
	const positions = await waitlistPositions(db(), eventId, waiting);
	const names = new Map(options.delegations.map((d) => [d.code, d.name]));
	const rows = found.map((r) => ({
		...r,
		delegation_name: names.get(r.delegation_code) ?? r.delegation_name,
		waitlistPosition: positions.get(r.id) ?? null
	}));
	return { query, notes, counts, total, pages, rows, ...options };
}
