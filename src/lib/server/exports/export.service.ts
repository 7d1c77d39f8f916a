import { officialLocale } from '../../domain/translations.ts';
import { getLocale } from '../../paraglide/runtime.js';
import { m } from '../../paraglide/messages.js';
import { queryParams } from '../../attendees.ts';
import { statusLabel, statusText } from '../../domain/registration-status.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { attendeeFilterOptions } from '../attendees/attendee.service.ts';
import { countByStatus } from '../attendees/attendee.repository.ts';
import { parseAttendeeQuery } from '../attendees/attendee-filter.ts';
import { allows, assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { Export } from './export.ts';
import { PRESETS, registrationsExport, type Preset } from './registrations.ts';
import { exportQuestions } from '../questions/question.service.ts';
import { visaColumns } from './visa-columns.ts';

// Opening an export: the same filters as the attendee list, a column preset, and passport data
// only when asked for explicitly by someone allowed to see it; that export is audited.

export type ExportFormat = 'csv' | 'xlsx';

/**
 * Reads the filters of a download. A file must be what was asked for, so unknown values are
 * refused (400) here rather than ignored with a note as on the list page; the page number is
 * irrelevant and ignored.
 */
export async function exportFilter(event: Event, params: URLSearchParams) {
	const options = await attendeeFilterOptions(event.id);
	const { query, filter, notes } = parseAttendeeQuery(params, options);
	const problems = notes.filter((n) => !/\bpage\b/.test(n));
	return { query: { ...query, page: 1 }, filter: { ...filter, page: 1 }, problems };
}

async function exportRequest(event: Event, params: URLSearchParams) {
	const { query, filter, problems } = await exportFilter(event, params);
	const presetValue = params.get('preset') || 'basic';
	const preset = (PRESETS as readonly string[]).includes(presetValue)
		? (presetValue as Preset)
		: (problems.push(m.exp_unknown_preset({ preset: presetValue.slice(0, 40) })), 'basic');
	const passport = params.get('passport') === '1';
	if (passport && !event.collect_visa_support) {
		problems.push(m.exp_no_passports());
	}
	if (problems.length) throw new DomainError('invalid', problems.join(' '));
	return { query, filter, preset, passport };
}

/**
 * The filter of a badge sheet (400 on unknown values). A badge lets its holder in, so badges
 * are printed for confirmed participants only: a selection of every status prints the badges
 * of its confirmed people, and a selection of another status is refused (409) with what it
 * holds, rather than printing badges for people who must not be there.
 */
export async function badgeFilter(event: Event, params: URLSearchParams) {
	const { filter, problems } = await exportFilter(event, params);
	if (problems.length) throw new DomainError('invalid', problems.join(' '));
	if (filter.status && filter.status !== 'confirmed') {
		const count = (await countByStatus(db(), event.id, filter))[filter.status];
		const label =
			getLocale() === 'en'
				? statusLabel(filter.status).toLocaleLowerCase('en')
				: statusText(filter.status);
		throw new DomainError(
			'conflict',
			count === 1
				? m.err_badges_status_one({ status: label })
				: m.err_badges_status_many({ count, status: label })
		);
	}
	return { ...filter, status: 'confirmed' as const };
}

/**
 * The registrations export for a download; with passport columns it writes `export.passport`.
 * `fetchSite` is the browser's Sec-Fetch-Site: another site must not be able to make a staff
 * member's browser download passport data (and fill the audit log) behind their back.
 */
export async function openRegistrationsExport(
	actor: Actor,
	event: Event,
	request: { params: URLSearchParams; fetchSite: string | null },
	format: ExportFormat
): Promise<{ data: Export; preset: Preset; passport: boolean }> {
	const role = await assertCan(actor, event.id, 'exports');
	const { query, filter, preset, passport } = await exportRequest(event, request.params);
	if (passport) {
		if (!allows(role, 'passport.view')) {
			throw new DomainError('forbidden', m.err_no_passport_role());
		}
		if (request.fetchSite === 'cross-site' || request.fetchSite === 'same-site') {
			throw new DomainError('forbidden', m.err_passport_here_only());
		}
		await writeAudit(db(), {
			actorUserId: actor.id,
			action: 'export.passport',
			entityType: 'event',
			entityId: event.id,
			eventId: event.id,
			diff: { format, preset, filters: queryParams(query).toString() }
		});
	}
	const questions =
		preset === 'answers' || preset === 'full' ? await exportQuestions(actor, event.id) : [];
	const data = registrationsExport(
		event,
		filter,
		preset,
		passport ? visaColumns(officialLocale(event)) : undefined,
		questions
	);
	return { data, preset, passport };
}

/** What the exports page shows: the filters as understood, notes, and how many rows match. */
export async function exportOverview(event: Event, params: URLSearchParams) {
	const options = await attendeeFilterOptions(event.id);
	const { query, filter, notes } = parseAttendeeQuery(params, options);
	const everyone = parseAttendeeQuery(new URLSearchParams(), options).filter;
	const [counts, all] = await Promise.all([
		countByStatus(db(), event.id, filter),
		countByStatus(db(), event.id, everyone)
	]);
	const matching = filter.status
		? counts[filter.status]
		: Object.values(counts).reduce((a, b) => a + b, 0);
	const presetValue = params.get('preset') || 'basic';
	const known = (PRESETS as readonly string[]).includes(presetValue);
	if (!known)
		notes.push(m.att_note_ignored({ what: m.att_what_preset(), value: presetValue.slice(0, 40) }));
	return {
		query: { ...query, page: 1 },
		notes: notes.filter((n) => !/\bpage\b/.test(n)),
		matching,
		/** Badges print for the confirmed people of the selection only. */
		badges: !filter.status || filter.status === 'confirmed' ? counts.confirmed : 0,
		confirmed: all.confirmed,
		preset: known ? (presetValue as Preset) : 'basic',
		...options
	};
}
