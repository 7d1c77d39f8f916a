import { getLocale } from '../../paraglide/runtime.js';
import { delegationOfRow } from '../registrations/person-columns.ts';
import { badgeName, listName } from '../../domain/person-name.ts';
import { statusText } from '../../domain/registration-status.ts';
import { m } from '../../paraglide/messages.js';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { findEventById } from '../events/event.repository.ts';
import { dayKey } from '../../time.ts';
import type { OfflineCheckinOutcome } from '../db/schema.ts';
import { lockForCheckin } from './checkin.repository.ts';
import { checkInForDay } from './checkin.service.ts';
import { offlineThumbnails } from '../photos/photo.service.ts';
import type { DeskPerson } from '../../offline/offline-list.ts';

export type { DeskPerson };
import { LIST_TTL_MS, seal, sessionListKey, type Sealed } from './offline-seal.ts';
import {
	findOfflineCheckin,
	insertOfflineCheckin,
	listDeskPeople,
	listOfflineConflicts
} from './offline.repository.ts';

/** What the desk downloads: the list sealed, and the key for this session to open it. */
export type OfflineDownload = {
	key: string;
	list: Sealed;
	issuedAt: string;
	expiresAt: string;
	count: number;
};

/** The event's list for a desk, sealed under the session's key. Check-in staff and above. */
export async function offlineDeskList(
	actor: Actor,
	sessionId: string,
	eventId: number
): Promise<OfflineDownload> {
	await assertCan(actor, eventId, 'checkin');
	const [rows, photos, event] = await Promise.all([
		listDeskPeople(db(), eventId),
		offlineThumbnails(eventId),
		findEventById(db(), eventId)
	]);
	if (!event) throw new DomainError('not_found', m.err_no_event());
	// Checked in today: on the next day of the event, everyone is to be checked in again.
	const today = dayKey(now(), event.time_zone);
	const people: DeskPerson[] = rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		badge: badgeName(r),
		name: listName(r),
		delegation: delegationOfRow(r, getLocale()),
		category: r.category,
		status: r.status,
		qr: r.reference,
		checkedIn: r.checked_in_at !== null && dayKey(r.checked_in_at, event.time_zone) === today,
		photo: photos.get(r.id)
	}));
	const key = sessionListKey(sessionId, `event:${eventId}`);
	const issued = now();
	return {
		key: key.toString('base64'),
		list: seal(people, key),
		issuedAt: issued.toISOString(),
		expiresAt: new Date(issued.getTime() + LIST_TTL_MS).toISOString(),
		count: people.length
	};
}

export type SyncItem = { clientId: string; registrationId: number; at: Date };

export type SyncResult = {
	clientId: string;
	registrationId: number;
	outcome: OfflineCheckinOutcome | 'not_found';
	message: string;
};

const SKEW_MS = 5 * 60 * 1000;
const OLDEST_MS = 7 * 24 * 60 * 60 * 1000;

/** The device's time when it is believable, else the server's. */
function believable(deviceAt: Date, at: Date): Date {
	const t = deviceAt.getTime();
	if (Number.isNaN(t) || t > at.getTime() + SKEW_MS || t < at.getTime() - OLDEST_MS) return at;
	return t > at.getTime() ? at : deviceAt;
}

/** One queued check-in under the registration's lock; a replayed client id gets its first answer. */
async function syncOne(actor: Actor, eventId: number, item: SyncItem): Promise<SyncResult> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const base = { clientId: item.clientId, registrationId: item.registrationId };
			const row = await lockForCheckin(trx, eventId, item.registrationId);
			const earlier = await findOfflineCheckin(trx, item.clientId);
			if (earlier) {
				if (earlier.event_id !== eventId || earlier.registration_id !== item.registrationId) {
					return {
						...base,
						outcome: 'not_found',
						message: m.desk_sync_id_reused()
					};
				}
				return { ...base, outcome: earlier.outcome, message: earlier.message };
			}
			if (!row) {
				return { ...base, outcome: 'not_found', message: m.desk_no_such_registration() };
			}
			const name = `${listName(row)} (${row.reference})`;
			let outcome: OfflineCheckinOutcome = 'done';
			let message: string = m.desk_sync_checked_in({ name });
			if (row.status !== 'confirmed') {
				outcome = 'cancelled';
				message = m.desk_sync_not_confirmed({
					name,
					status: statusText(row.status).toLowerCase()
				});
			} else {
				const at = believable(item.at, now());
				const already = await checkInForDay(
					trx,
					row,
					at,
					{
						actor,
						eventId,
						audit: { offline_client_id: item.clientId, device_at: item.at.toISOString() }
					},
					name
				);
				if (already) {
					outcome = 'already';
					message = already;
				}
			}
			await insertOfflineCheckin(trx, {
				clientId: item.clientId,
				eventId,
				registrationId: row.id,
				deviceAt: item.at,
				by: actor.id,
				outcome,
				message
			});
			return { ...base, outcome, message };
		});
}

/**
 * Applies check-ins a desk queued (maybe offline), each once whatever the number of replays,
 * answering each: done, already checked in (at another desk), or no longer confirmed.
 */
export async function syncCheckins(
	actor: Actor,
	eventId: number,
	items: SyncItem[]
): Promise<SyncResult[]> {
	await assertCan(actor, eventId, 'checkin');
	const results: SyncResult[] = [];
	// In the device's order, so the first of two desks to scan a person keeps the check-in.
	for (const item of [...items].sort((a, b) => a.at.getTime() - b.at.getTime())) {
		results.push(await syncOne(actor, eventId, item));
	}
	return results;
}

/** The latest conflicts of the event's synced check-ins, for the desks and the organizer. */
export async function offlineConflicts(actor: Actor, eventId: number, limit = 50) {
	await assertCan(actor, eventId, 'checkin');
	const rows = await listOfflineConflicts(db(), eventId, limit);
	return rows.map((r) => ({
		clientId: r.client_id,
		outcome: r.outcome,
		message: r.message,
		name: listName(r),
		reference: r.reference,
		by: r.by_name,
		deviceAt: r.device_at,
		syncedAt: r.synced_at
	}));
}
