import { m } from '../../paraglide/messages.js';
import { toLocale, type Locale } from '../../i18n/locales.ts';
import type { Transaction } from 'kysely';
import { checkVisitPlan, type VisitInput } from '../../schemas/visit.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, FieldVisit, FieldVisitStop } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import {
	visitCancelledMail,
	visitChangedMail,
	type VisitChange
} from '../mail/templates/visits.ts';
import { describeChanges, type PlanSnapshot } from './visit-changes.ts';
import { queueVisitMail, visitMailContext } from './visit-mail.ts';
import {
	countSignups,
	deleteStops,
	findVisit,
	insertStops,
	insertVisit,
	listStops,
	listVisits,
	lockVisit,
	participants,
	setSignupStatus,
	updateStop,
	updateVisitRow,
	type StopRow
} from './visit.repository.ts';
import { fillFromWaitlist } from './visit.service.ts';
import { visitManifest } from './manifest.ts';

// Organizers' side of field visits: create, edit (participants told what changed), cancel.

type Trx = Transaction<Database>;
/** The event of a visit; its title's translations name it in each participant's language. */
type EventRef = Pick<
	Event,
	'id' | 'title' | 'time_zone' | 'starts_on' | 'ends_on' | 'status' | 'translations'
>;

function ensurePlan(input: VisitInput, event: EventRef) {
	const issues = checkVisitPlan(input, {
		timeZone: event.time_zone,
		startsOn: event.starts_on,
		endsOn: event.ends_on
	});
	if (issues.length) {
		throw new DomainError('invalid', issues[0].message, issues[0].path.join('.'));
	}
}

function stopRows(input: VisitInput): StopRow[] {
	return input.stops.map((s, i) => ({
		position: i + 1,
		arrives_at: s.arrivesAt,
		leaves_at: s.leavesAt,
		place: s.place,
		address: s.address,
		activity: s.activity,
		host_contact: s.hostContact
	}));
}

function visitValues(input: VisitInput) {
	return {
		title: input.title,
		summary: input.summary,
		meeting_point: input.meetingPoint,
		departs_at: input.departsAt,
		returns_at: input.returnsAt,
		transport: input.transport,
		seats: input.seats,
		eligible_categories: input.eligibleCategories
	};
}

function snapshot(visit: FieldVisit, stops: FieldVisitStop[]): PlanSnapshot {
	return {
		title: visit.title,
		meetingPoint: visit.meeting_point,
		transport: visit.transport,
		departsAt: visit.departs_at,
		returnsAt: visit.returns_at,
		stops: stops.map((s) => ({
			id: s.id,
			place: s.place,
			address: s.address,
			activity: s.activity,
			arrivesAt: s.arrives_at,
			leavesAt: s.leaves_at
		}))
	};
}

/** Creates a field visit with its stops; returns its id. */
export async function createVisit(
	actor: Actor,
	event: EventRef,
	input: VisitInput
): Promise<number> {
	await assertCan(actor, event.id, 'event.edit');
	ensurePlan(input, event);
	return db()
		.transaction()
		.execute(async (trx) => {
			const id = await insertVisit(trx, { event_id: event.id, ...visitValues(input), at: now() });
			await insertStops(trx, id, stopRows(input));
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'visit.create',
				entityType: 'field_visit',
				entityId: id,
				eventId: event.id,
				diff: { title: input.title, seats: input.seats, stops: input.stops.length }
			});
			return id;
		});
}

export type UpdateResult = { changed: boolean; version: number; notified: number };

const sameCategories = (a: string[] | null, b: string[] | null) =>
	(a ? [...a].sort().join(',') : '*') === (b ? [...b].sort().join(',') : '*');

/** Writes the new stops: kept ones updated in place, others removed or added. */
async function replaceStops(
	trx: Trx,
	visitId: number,
	before: FieldVisitStop[],
	input: VisitInput
) {
	const rows = stopRows(input);
	const keptIds = new Set(input.stops.map((s) => s.id).filter((id) => id !== undefined));
	await deleteStops(
		trx,
		visitId,
		before.filter((s) => !keptIds.has(s.id)).map((s) => s.id)
	);
	const added: StopRow[] = [];
	for (const [i, stop] of input.stops.entries()) {
		if (stop.id !== undefined) await updateStop(trx, visitId, stop.id, rows[i]);
		else added.push(rows[i]);
	}
	await insertStops(trx, visitId, added);
}

/**
 * Saves an edited visit. Seats may not drop below those already confirmed; more seats go to the
 * wait-list. When times, stops, meeting point, transport or title change, every confirmed
 * participant gets one message per save listing old → new (deduplicated by the new version).
 */
export async function updateVisit(
	actor: Actor,
	event: EventRef,
	visitId: number,
	expectedVersion: number | null,
	input: VisitInput
): Promise<UpdateResult> {
	await assertCan(actor, event.id, 'event.edit');
	ensurePlan(input, event);
	return db()
		.transaction()
		.execute(async (trx) => {
			const visit = await lockVisit(trx, visitId);
			if (!visit || visit.event_id !== event.id) {
				throw new DomainError('not_found', m.err_no_visit());
			}
			if (visit.status === 'cancelled') {
				throw new DomainError('closed', m.err_visit_admin_cancelled());
			}
			if (expectedVersion !== null && visit.version !== expectedVersion) {
				throw new DomainError('stale', m.err_visit_stale());
			}
			if (input.seats < visit.seats_taken) {
				throw new DomainError(
					'conflict',
					m.err_visit_seats_below({ taken: visit.seats_taken }),
					'seats'
				);
			}
			const before = await listStops(trx, [visitId]);
			// A stop id that is not this visit's (or comes twice) is treated as a new stop.
			const own = new Set(before.map((s) => s.id));
			input = {
				...input,
				stops: input.stops.map((s) =>
					s.id !== undefined && own.delete(s.id) ? s : { ...s, id: undefined }
				)
			};
			const changes = describeChanges(snapshot(visit, before), { ...input }, event.time_zone);
			const anyChange =
				changes.length > 0 ||
				visit.summary !== input.summary ||
				visit.seats !== input.seats ||
				!sameCategories(visit.eligible_categories, input.eligibleCategories) ||
				before.some((s) => {
					const next = input.stops.find((n) => n.id === s.id);
					return next !== undefined && next.hostContact !== s.host_contact;
				});
			if (!anyChange) return { changed: false, version: visit.version, notified: 0 };

			const at = now();
			const version = await updateVisitRow(trx, visitId, visitValues(input), at);
			await replaceStops(trx, visitId, before, input);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'visit.update',
				entityType: 'field_visit',
				entityId: visitId,
				eventId: event.id,
				diff: {
					version,
					changes,
					seats: visit.seats === input.seats ? undefined : [visit.seats, input.seats],
					summaryChanged: visit.summary !== input.summary || undefined
				}
			});
			const updated = { ...visit, ...visitValues(input), version };
			let notified = 0;
			if (changes.length > 0) {
				const stops = await listStops(trx, [visitId]);
				// Each person is told the changes in their language (worded once per language).
				const worded = new Map<Locale, VisitChange[]>([['en', changes]]);
				const changesIn = (language: string | null) => {
					const locale = toLocale(language) ?? 'en';
					if (!worded.has(locale))
						worded.set(
							locale,
							describeChanges(snapshot(visit, before), { ...input }, event.time_zone, locale)
						);
					return worded.get(locale)!;
				};
				for (const person of await participants(trx, visitId, ['confirmed'])) {
					const p = { ...person, id: person.registration_id };
					const mail = visitChangedMail(
						visitMailContext(event, updated, stops, p),
						changesIn(person.language)
					);
					const queued = await queueVisitMail(trx, {
						template: 'visit-changed',
						dedupeKey: `visit-changed-${visitId}-v${version}-r${person.registration_id}`,
						eventId: event.id,
						person: p,
						mail
					});
					if (queued) notified++;
				}
			}
			// After the change notices: whoever gets a new seat now reads the new plan in that message.
			if (input.seats > visit.seats) {
				await fillFromWaitlist(trx, event, updated, input.seats - visit.seats_taken);
			}
			return { changed: true, version, notified };
		});
}

/** Cancels a visit: every sign-up is released and each participant (and wait-listed person) told. */
export async function cancelVisit(
	actor: Actor,
	event: EventRef,
	visitId: number
): Promise<{ notified: number }> {
	await assertCan(actor, event.id, 'event.edit');
	return db()
		.transaction()
		.execute(async (trx) => {
			const visit = await lockVisit(trx, visitId);
			if (!visit || visit.event_id !== event.id) {
				throw new DomainError('not_found', m.err_no_visit());
			}
			if (visit.status === 'cancelled') return { notified: 0 };
			const people = await participants(trx, visitId, ['confirmed', 'waitlisted']);
			const at = now();
			await setSignupStatus(
				trx,
				people.map((p) => p.signup_id),
				'cancelled',
				at
			);
			await updateVisitRow(trx, visitId, { status: 'cancelled', seats_taken: 0 }, at);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'visit.cancel',
				entityType: 'field_visit',
				entityId: visitId,
				eventId: event.id,
				diff: { status: ['scheduled', 'cancelled'], released: people.length }
			});
			const stops = await listStops(trx, [visitId]);
			for (const person of people) {
				const p = { ...person, id: person.registration_id };
				await queueVisitMail(trx, {
					template: 'visit-cancelled',
					dedupeKey: `visit-cancelled-${visitId}-r${person.registration_id}`,
					eventId: event.id,
					person: p,
					mail: visitCancelledMail(visitMailContext(event, visit, stops, p))
				});
			}
			return { notified: people.length };
		});
}

/** The event's field visits for its staff. */
export async function eventVisits(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'registrations.view');
	return listVisits(db(), eventId);
}

/** A visit of the event with its stops and sign-up counts, for the organizer's form; or null. */
export async function visitForEditing(actor: Actor, eventId: number, visitId: number) {
	await assertCan(actor, eventId, 'event.edit');
	const visit = await findVisit(db(), eventId, visitId);
	if (!visit) return null;
	const [stops, counts] = await Promise.all([
		listStops(db(), [visit.id]),
		countSignups(db(), visit.id)
	]);
	return { visit, stops, counts };
}

/** A visit of the event with its stops and its manifest (who rides, who waits); or null. */
export async function visitManifestOf(
	actor: Actor,
	eventId: number,
	visitId: number,
	locale: Locale = 'en'
) {
	await assertCan(actor, eventId, 'exports');
	const visit = await findVisit(db(), eventId, visitId);
	if (!visit) return null;
	const [rows, stops] = await Promise.all([
		visitManifest(db(), visit.id, locale),
		listStops(db(), [visit.id])
	]);
	return { visit, stops, rows };
}
