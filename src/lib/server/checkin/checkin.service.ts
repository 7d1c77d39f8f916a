import { delegationOfRow } from '../registrations/person-columns.ts';
import { listName } from '../../domain/person-name.ts';
import { formatReference, findReference } from '../../domain/reference.ts';
import { statusText } from '../../domain/registration-status.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { RegistrationStatus } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import { dayKey, formatDate, formatTime } from '../../time.ts';
import {
	countCheckins,
	findAttendanceDay,
	findPersonById,
	findPersonByReference,
	findUserName,
	listRecentCheckins,
	lockForCheckin,
	recordAttendance,
	removeAttendance,
	searchPeople,
	type CheckinPersonRow
} from './checkin.repository.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type LockedPerson = NonNullable<Awaited<ReturnType<typeof lockForCheckin>>>;

/** A registration as the check-in desk sees it. */
export type CheckinPerson = {
	id: number;
	reference: string;
	status: RegistrationStatus;
	name: string;
	delegation: string;
	category: CheckinPersonRow['category'];
	organisation: string;
	checkedInAt: Date | null;
	checkedInBy: string | null;
	/** A badge photo is on file (shown beside the name for the identity check). */
	photo: boolean;
};

export type FindResult =
	| { kind: 'reference'; person: CheckinPerson }
	| { kind: 'names'; people: CheckinPerson[]; more: boolean }
	| { kind: 'none'; message: string };

const NAME_LIMIT = 25;
const MAX_QUERY = 200;

function toPerson(row: CheckinPersonRow): CheckinPerson {
	return {
		id: row.id,
		reference: row.reference,
		status: row.status,
		name: listName(row),
		delegation: delegationOfRow(row, getLocale()),
		category: row.category,
		organisation: row.organisation,
		checkedInAt: row.checked_in_at,
		checkedInBy: row.checked_in_by_name,
		photo: row.has_photo
	};
}

/** "09:12", or "09:12 on Mon 15 Feb" when it was not today (event time, the request's language). */
export function checkinTime(at: Date, timeZone: string): string {
	const time = formatTime(at, timeZone);
	if (dayKey(at, timeZone) === dayKey(now(), timeZone)) return time;
	const day = formatDate(at, timeZone, { year: false }, getLocale());
	return m.desk_time_on_day({ time, day });
}

/**
 * Finds who a typed or scanned text means: an exact reference (also inside a scanned URL, or
 * its short form "TH-7"), else everyone whose name contains every word.
 */
export async function findForCheckin(
	actor: Actor,
	eventId: number,
	query: string
): Promise<FindResult> {
	await assertCan(actor, eventId, 'checkin');
	const text = query.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY);
	if (!text) return { kind: 'none', message: m.desk_find_empty() };
	// A full reference ("HLOM6-TH-007") anywhere in a scanned URL, or "TH-7" typed at the desk.
	const found = findReference(text);
	if (found) {
		const event = await findEventById(db(), eventId);
		if (!event) throw new DomainError('not_found', m.err_no_event());
		const wanted = formatReference(
			found.eventCode ?? event.code,
			found.delegationCode,
			found.number
		);
		const row = await findPersonByReference(db(), eventId, wanted);
		if (row) return { kind: 'reference', person: toPerson(row) };
		if (found.eventCode && found.eventCode !== event.code) {
			return {
				kind: 'none',
				message: m.desk_find_other_event({ text, code: found.eventCode, eventCode: event.code })
			};
		}
		return { kind: 'none', message: m.desk_find_none({ text }) };
	}
	const words = text.split(' ').slice(0, 6);
	const rows = await searchPeople(db(), eventId, words, NAME_LIMIT + 1);
	if (rows.length === 0) return { kind: 'none', message: m.desk_find_none({ text }) };
	return {
		kind: 'names',
		people: rows.slice(0, NAME_LIMIT).map(toPerson),
		more: rows.length > NAME_LIMIT
	};
}

/** One registration of the event as the desk shows it, or undefined. */
export async function findCheckinPerson(actor: Actor, eventId: number, registrationId: number) {
	await assertCan(actor, eventId, 'checkin');
	const row = await findPersonById(db(), eventId, registrationId);
	return row && toPerson(row);
}

/**
 * The one check-in rule, for the desk and for phones syncing offline scans: a confirmed person
 * is checked in once a day (the calendar day of `at` in the event's time zone), each day
 * recorded for the certificate of attendance. Returns null when recorded, or what to tell the
 * desk when that day's check-in was already done: when and by whom. A recorded check-in is
 * audited, with `by.audit` beside its time (an offline phone's client id and device time).
 */
export async function checkInForDay(
	trx: Transaction<Database>,
	row: LockedPerson,
	at: Date,
	by: { actor: Actor; eventId: number; audit?: Record<string, unknown> },
	who = listName(row)
): Promise<string | null> {
	const day = dayKey(at, row.time_zone);
	const earlier = await findAttendanceDay(trx, row.id, day);
	if (earlier) {
		const name = await (earlier.checked_in_by ? findUserName(trx, earlier.checked_in_by) : null);
		const time = checkinTime(earlier.checked_in_at, row.time_zone);
		return name
			? m.desk_already_checked_in_by({ who, time, by: name })
			: m.desk_already_checked_in({ who, time });
	}
	await recordAttendance(trx, { registrationId: row.id, day, at, by: by.actor.id });
	await writeAudit(trx, {
		actorUserId: by.actor.id,
		action: 'registration.check_in',
		entityType: 'registration',
		entityId: row.id,
		eventId: by.eventId,
		diff: { checked_in_at: at.toISOString(), ...by.audit }
	});
	return null;
}

/**
 * Checks a confirmed participant in for today, recording when and by whom (audited). Refuses
 * anyone not confirmed, and a second check-in the same day (saying when and by whom the first
 * was); on the next day of a multi-day event the same badge checks them in again.
 */
export async function checkIn(
	actor: Actor,
	eventId: number,
	registrationId: number
): Promise<{ checkedInAt: Date }> {
	await assertCan(actor, eventId, 'checkin');
	return db()
		.transaction()
		.execute(async (trx) => {
			const row = await lockForCheckin(trx, eventId, registrationId);
			if (!row) throw new DomainError('not_found', m.desk_no_such_registration());
			const name = listName(row);
			if (row.status !== 'confirmed') {
				throw new DomainError(
					'conflict',
					m.desk_not_checked_in({
						name,
						reference: row.reference,
						status: statusText(row.status).toLowerCase()
					})
				);
			}
			const at = now();
			const already = await checkInForDay(trx, row, at, { actor, eventId });
			if (already) throw new DomainError('conflict', already);
			return { checkedInAt: at };
		});
}

/**
 * Takes the latest check-in back (a mistaken scan), keeping what it was in the audit log; an
 * earlier day attended stays recorded.
 */
export async function undoCheckIn(
	actor: Actor,
	eventId: number,
	registrationId: number
): Promise<void> {
	await assertCan(actor, eventId, 'checkin');
	await db()
		.transaction()
		.execute(async (trx) => {
			const row = await lockForCheckin(trx, eventId, registrationId);
			if (!row) throw new DomainError('not_found', m.desk_no_such_registration());
			if (!row.checked_in_at) {
				throw new DomainError('conflict', m.desk_not_checked_in_undo({ name: listName(row) }));
			}
			await removeAttendance(trx, row.id, dayKey(row.checked_in_at, row.time_zone));
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'registration.check_in_undone',
				entityType: 'registration',
				entityId: row.id,
				eventId,
				diff: {
					checked_in_at: [row.checked_in_at.toISOString(), null],
					checked_in_by: [row.checked_in_by, null],
					day: dayKey(row.checked_in_at, row.time_zone)
				}
			});
		});
}

/** Checked in / confirmed, for the live counter. */
export async function checkinCounts(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'checkin');
	return countCheckins(db(), eventId);
}

/** The latest check-ins of the event, newest first. */
export async function recentCheckins(actor: Actor, eventId: number, limit = 5) {
	await assertCan(actor, eventId, 'checkin');
	return (await listRecentCheckins(db(), eventId, limit)).map(toPerson);
}
