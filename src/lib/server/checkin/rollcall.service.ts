import { inLanguage } from '../../domain/translations.ts';
import { getLocale } from '../../paraglide/runtime.js';
import { delegationOfRow } from '../registrations/person-columns.ts';
import { m } from '../../paraglide/messages.js';
import { badgeName, listName } from '../../domain/person-name.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { RollCallState } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findVisit, listStops, listVisits } from '../visits/visit.repository.ts';
import { offlineThumbnails } from '../photos/photo.service.ts';
import type { RollCallSheet } from '../../offline/offline-list.ts';
import { LIST_TTL_MS, seal, sessionListKey, type Sealed } from './offline-seal.ts';
import {
	findRollCall,
	insertRollCall,
	listRollCalls,
	listVisitTravellers
} from './offline.repository.ts';

// The escort's roll call of a field visit, stop by stop (the departure from the meeting point
// is stop null): each mark is kept, so the organizer sees the whole history afterwards and the
// latest mark per person and stop is the state.

export type RollCallStop = { id: number | null; place: string };

async function visitOf(eventId: number, visitId: number) {
	const visit = await findVisit(db(), eventId, visitId);
	if (!visit) throw new DomainError('not_found', m.err_no_visit_here());
	return visit;
}

/** The first stop of every roll call: "Departure: Hotel lobby", in the page's language. */
function departureStop(visit: Awaited<ReturnType<typeof visitOf>>, locale: string): string {
	const meetingPoint = inLanguage(visit, 'meeting_point', locale);
	return m.vis_r_departure_stop({ place: meetingPoint || m.vis_r_meeting_point() });
}

/** The visit and its stops in route order, the meeting point first (no personal data). */
export async function rollCallStops(actor: Actor, eventId: number, visitId: number) {
	await assertCan(actor, eventId, 'checkin');
	const visit = await visitOf(eventId, visitId);
	const stops = await listStops(db(), [visitId]);
	const locale = getLocale();
	const all: RollCallStop[] = [
		{ id: null, place: departureStop(visit, locale) },
		...stops.map((s) => ({ id: s.id, place: inLanguage(s, 'place', locale) }))
	];
	const title = inLanguage(visit, 'title', locale);
	return { visit: { id: visit.id, title, departsAt: visit.departs_at }, stops: all };
}

/** Who is expected and the marks so far, sealed under the session's key. */
export async function rollCallDownload(
	actor: Actor,
	sessionId: string,
	eventId: number,
	visitId: number
): Promise<{ key: string; list: Sealed; issuedAt: string; expiresAt: string; count: number }> {
	await assertCan(actor, eventId, 'checkin');
	await visitOf(eventId, visitId);
	const [people, marks, photos] = await Promise.all([
		listVisitTravellers(db(), visitId),
		listRollCalls(db(), visitId),
		offlineThumbnails(eventId)
	]);
	const sheet: RollCallSheet = {
		people: people.map((r) => ({
			id: r.id,
			reference: r.reference,
			badge: badgeName(r),
			name: listName(r),
			delegation: delegationOfRow(r, getLocale()),
			photo: photos.get(r.id)
		})),
		marks: marks.map((m) => ({
			clientId: m.client_id,
			stopId: m.stop_id,
			registrationId: m.registration_id,
			state: m.state,
			at: m.marked_at.toISOString()
		}))
	};
	const key = sessionListKey(sessionId, `visit:${visitId}`);
	const issued = now();
	return {
		key: key.toString('base64'),
		list: seal(sheet, key),
		issuedAt: issued.toISOString(),
		expiresAt: new Date(issued.getTime() + LIST_TTL_MS).toISOString(),
		count: sheet.people.length
	};
}

export type RollCallItem = {
	clientId: string;
	stopId: number | null;
	registrationId: number;
	state: RollCallState;
	at: Date;
};

export type RollCallResult = { clientId: string; outcome: 'done' | 'refused'; message: string };

/** Stores the marks an escort made (maybe offline); a replayed mark is stored once. */
export async function syncRollCall(
	actor: Actor,
	eventId: number,
	visitId: number,
	items: RollCallItem[]
): Promise<RollCallResult[]> {
	await assertCan(actor, eventId, 'checkin');
	await visitOf(eventId, visitId);
	const [stops, people] = await Promise.all([
		listStops(db(), [visitId]),
		listVisitTravellers(db(), visitId)
	]);
	const stopIds = new Set(stops.map((s) => s.id));
	const expected = new Set(people.map((p) => p.id));
	const at = now();
	const results: RollCallResult[] = [];
	for (const item of items) {
		if (item.stopId !== null && !stopIds.has(item.stopId)) {
			results.push({
				clientId: item.clientId,
				outcome: 'refused',
				message: m.rc_no_such_stop()
			});
			continue;
		}
		if (!expected.has(item.registrationId)) {
			const earlier = await findRollCall(db(), item.clientId);
			results.push(
				earlier
					? { clientId: item.clientId, outcome: 'done', message: m.rc_already_stored() }
					: {
							clientId: item.clientId,
							outcome: 'refused',
							message: m.rc_not_signed_up()
						}
			);
			continue;
		}
		const markedAt = Number.isNaN(item.at.getTime()) || item.at > at ? at : item.at;
		await db()
			.transaction()
			.execute((trx) => insertRollCall(trx, { ...item, visitId, by: actor.id, at: markedAt }));
		results.push({ clientId: item.clientId, outcome: 'done', message: m.vis_r_stored() });
	}
	return results;
}

const STATE_LABEL: Record<RollCallState, () => string> = {
	boarded: m.vis_r_on_board_mark,
	left: m.vis_r_left_group,
	absent: m.vis_r_absent_mark
};

/** Every mark of the visit for the organizer, and who travelled (on board at least once). */
export async function rollCallHistory(actor: Actor, eventId: number, visitId: number) {
	await assertCan(actor, eventId, 'registrations.view');
	const visit = await visitOf(eventId, visitId);
	const marks = await listRollCalls(db(), visitId);
	const travelled = new Set(
		marks.filter((m) => m.state === 'boarded').map((m) => m.registration_id)
	);
	const locale = getLocale();
	const departure = departureStop(visit, locale);
	return {
		visit: { id: visit.id, title: inLanguage(visit, 'title', locale) },
		marks: marks.map((mark) => ({
			id: mark.id,
			stop:
				mark.stop_place === null
					? departure
					: inLanguage(
							{ place: mark.stop_place, translations: mark.stop_translations },
							'place',
							locale
						),
			name: listName(mark),
			reference: mark.reference,
			state: mark.state,
			stateLabel: STATE_LABEL[mark.state](),
			by: mark.by_name,
			markedAt: mark.marked_at,
			syncedAt: mark.synced_at
		})),
		travelled: [...travelled]
	};
}

/** The event's scheduled visits, for the escorts' way to each roll call. */
export async function rollCallVisits(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'checkin');
	const visits = await listVisits(db(), eventId);
	return visits
		.filter((v) => v.status === 'scheduled')
		.map((v) => ({
			id: v.id,
			title: inLanguage(v, 'title', getLocale()),
			departsAt: v.departs_at
		}));
}
