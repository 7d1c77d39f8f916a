import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { toLocale, type Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { listDelegations } from '../events/event.repository.ts';
import { listAudit } from './audit.repository.ts';
import {
	actionLabel,
	auditSubject,
	readableDiff,
	type AuditLookups,
	type ReadableChange
} from './audit-format.ts';
import { listEventAudit, type EventAuditRow } from './event-audit.repository.ts';

// The audit trail as staff read it, for the event's audit page and a registration's page: who
// did what, when, to whom, with each change in words. Only for those who may see registrations.

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntryView = {
	id: number;
	at: Date;
	who: string;
	what: string;
	subject: string;
	changes: ReadableChange[];
};

function whoOf(row: EventAuditRow, locale: Locale): string {
	const t = { locale };
	if (row.actor_name) {
		const delegate = row.actor_user_id !== null && row.actor_user_id === row.registration_user_id;
		return delegate ? m.aud_who_delegate({ name: row.actor_name }, t) : row.actor_name;
	}
	if (row.action.startsWith('invitation.')) return m.aud_who_invitee({}, t);
	return m.aud_who_kaigi({}, t);
}

/**
 * One page of the event's audit trail, newest first; `before` is the id the previous page
 * ended at.
 */
export async function eventAuditPage(
	actor: Actor,
	event: Pick<Event, 'id' | 'time_zone'>,
	before?: number
): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
	await assertCan(actor, event.id, 'registrations.view');
	const [rows, lookups] = await Promise.all([
		listEventAudit(db(), event.id, { beforeId: before, limit: AUDIT_PAGE_SIZE + 1 }),
		auditLookups(event)
	]);
	const page = rows.slice(0, AUDIT_PAGE_SIZE);
	const { locale } = lookups;
	return {
		entries: page.map((row) => ({
			id: row.id,
			at: new Date(row.at),
			who: whoOf(row, locale),
			what: actionLabel(row.action, locale),
			subject: auditSubject(row, locale, lookups),
			changes: readableDiff(row.diff, lookups, row.action)
		})),
		nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null
	};
}

/**
 * What the entries' words need: the zone, the reader's language, the delegations and field
 * visits named in it.
 */
async function auditLookups(event: Pick<Event, 'id' | 'time_zone'>): Promise<AuditLookups> {
	const [delegations, visits] = await Promise.all([
		listDelegations(db(), event.id),
		db()
			.selectFrom('field_visits')
			.select(['id', 'title', 'translations'])
			.where('event_id', '=', event.id)
			.execute()
	]);
	const locale = toLocale(getLocale()) ?? 'en';
	const named = delegations.map((d) => ({ ...d, name: delegationNameIn(d, locale) }));
	return {
		timeZone: event.time_zone,
		locale,
		delegationsById: new Map(named.map((d) => [d.id, d.name])),
		delegationsByCode: new Map(named.map((d) => [d.code, d.name])),
		visitsById: new Map(visits.map((v) => [v.id, inLanguage(v, 'title', locale)]))
	};
}

/** The audit entries of one registration of an event, oldest first, in words. */
export async function registrationAuditTrail(
	actor: Actor,
	event: Pick<Event, 'id' | 'time_zone'>,
	registration: { id: number; event_id: number }
) {
	await assertCan(actor, registration.event_id, 'registrations.view');
	const [rows, lookups] = await Promise.all([
		listAudit(db(), 'registration', registration.id),
		auditLookups(event)
	]);
	return rows.map((row) => ({
		id: row.id,
		at: row.at,
		who: row.actor_name ?? m.aud_who_kaigi({}, { locale: lookups.locale }),
		what: actionLabel(row.action, lookups.locale),
		changes: readableDiff(row.diff, lookups, row.action)
	}));
}
