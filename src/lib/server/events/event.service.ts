import { getLocale } from '../../paraglide/runtime.js';
import { eventStatusLabel } from '../../schemas/event.ts';
import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { fromZonedInput, toZonedInput } from '../../time.ts';
import type { EventInput } from '../../schemas/event.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, assertCanCreateEvents, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, EventStatus } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { fillOpenedSeats, type SeatsOpened } from '../registrations/decision.service.ts';
import { mailEventCancelled } from './cancellation.mail.ts';
import { insertEventStaff } from './event-staff.repository.ts';
import {
	eventHasRegistrations,
	findClashes,
	insertEvent,
	listDelegations,
	listProgramme,
	lockEvent,
	updateEventRow
} from './event.repository.ts';
import { updateProgrammeItem } from './programme.repository.ts';
import { quotaWarning } from './quota.ts';

// Creating, editing and moving events through their lifecycle (DESIGN §1, §4).

function toColumns(input: EventInput) {
	return {
		title: input.title,
		series: input.series,
		edition: input.edition,
		kind: input.kind,
		code: input.code,
		slug: input.slug,
		starts_on: input.startsOn,
		ends_on: input.endsOn,
		venue: input.venue,
		city: input.city,
		country: input.country,
		time_zone: input.timeZone,
		description_md: input.descriptionMd,
		contact_email: input.contactEmail,
		visibility: input.visibility,
		registration_mode: input.registrationMode,
		registration_opens_at: input.registrationOpensAt,
		registration_closes_at: input.registrationClosesAt,
		invitations_bypass_window: input.invitationsBypassWindow,
		capacity: input.capacity,
		collect_visa_support: input.collectVisaSupport,
		privacy_notice: input.privacyNotice,
		retention_days: input.retentionDays,
		host_placement: input.hostPlacement,
		organisations_placement: input.organisationsPlacement
	};
}

type Columns = ReturnType<typeof toColumns>;
const LONG_TEXT = new Set(['description_md', 'privacy_notice']);

/** Field-by-field changes for the audit log (long texts only as "changed"). */
function changes(before: Event, after: Columns): Record<string, unknown> {
	const diff: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(after)) {
		const old = before[key as keyof Event];
		const same =
			old instanceof Date || value instanceof Date
				? (old as Date | null)?.getTime() === (value as Date | null)?.getTime()
				: old === value;
		if (same) continue;
		diff[key] = LONG_TEXT.has(key) ? 'changed' : { from: old, to: value };
	}
	return diff;
}

/** A DomainError beside the field that clashes with another event. */
async function refuseClashes(
	trx: Transaction<Database>,
	input: { slug: string; code: string },
	exceptId: number | null
) {
	const clash = await findClashes(trx, input.slug, input.code, exceptId);
	if (clash.slug) throw new DomainError('conflict', m.err_slug_taken(), 'slug');
	if (clash.code) throw new DomainError('conflict', m.err_code_taken(), 'code');
}

/** Turns a lost race on the unique slug or code into the same message as the check. */
function clashError(error: unknown): never {
	if (isUniqueViolation(error, 'events_slug_key'))
		throw new DomainError('conflict', m.err_slug_taken(), 'slug');
	if (isUniqueViolation(error, 'events_code_key'))
		throw new DomainError('conflict', m.err_code_taken(), 'code');
	throw error;
}

/** Creates a draft event; its creator becomes its organizer. */
export async function createEvent(actor: Actor, input: EventInput): Promise<Event> {
	assertCanCreateEvents(actor);
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				await refuseClashes(trx, input, null);
				const at = now();
				const event = await insertEvent(trx, {
					...toColumns(input),
					status: 'draft',
					created_by: actor.id,
					created_at: at,
					updated_at: at
				});
				await insertEventStaff(trx, event.id, actor.id, 'organizer');
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'event.create',
					entityType: 'event',
					entityId: event.id,
					eventId: event.id,
					diff: { ...toColumns(input), description_md: undefined, privacy_notice: undefined }
				});
				return event;
			});
	} catch (error) {
		clashError(error);
	}
}

/**
 * Saves an edited event. `version` is the one the form was opened with: a newer save by someone
 * else is not silently overwritten. Returns warnings (e.g. quotas above capacity).
 */
export async function updateEvent(
	actor: Actor,
	eventId: number,
	version: number,
	input: EventInput
): Promise<{ event: Event; warnings: string[]; seats: SeatsOpened | null }> {
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				await assertCan(actor, eventId, 'event.edit', trx);
				const event = await lockEvent(trx, eventId);
				if (event.version !== version) {
					throw new DomainError('stale', m.err_event_stale());
				}
				const columns = toColumns(input);
				if (columns.slug !== event.slug && event.published_at) {
					throw new DomainError('invalid', m.err_slug_fixed(), 'slug');
				}
				if (columns.code !== event.code && (await eventHasRegistrations(trx, eventId))) {
					throw new DomainError('invalid', m.err_code_fixed(), 'code');
				}
				if (columns.capacity !== null && columns.capacity < event.seats_taken) {
					throw new DomainError(
						'invalid',
						m.err_capacity_below({ taken: event.seats_taken }),
						'capacity'
					);
				}
				await refuseClashes(trx, columns, eventId);
				const diff = changes(event, columns);
				const updated = { ...event, ...columns, version: event.version + 1, updated_at: now() };
				if (Object.keys(diff).length > 0) {
					if (columns.time_zone !== event.time_zone) {
						await keepProgrammeWallClock(trx, eventId, event.time_zone, columns.time_zone);
					}
					await updateEventRow(trx, eventId, {
						...columns,
						version: updated.version,
						updated_at: updated.updated_at
					});
					await writeAudit(trx, {
						actorUserId: actor.id,
						action: 'event.update',
						entityType: 'event',
						entityId: eventId,
						eventId,
						diff
					});
				}
				// More seats: the wait-list moves up now, not at the next cancellation.
				const raised =
					event.capacity !== null &&
					(columns.capacity === null || columns.capacity > event.capacity);
				const seats =
					raised && event.status !== 'cancelled' && event.status !== 'archived'
						? await fillOpenedSeats(trx, updated, actor.id)
						: null;
				const warning = quotaWarning(columns.capacity, await listDelegations(trx, eventId));
				return {
					event: Object.keys(diff).length > 0 ? updated : event,
					warnings: warning ? [warning] : [],
					seats
				};
			});
	} catch (error) {
		clashError(error);
	}
}

/**
 * A programme typed as "09:00 in Tokyo" stays at 09:00 when the organizer corrects the
 * event's zone: re-reads each item's wall-clock time in the new zone.
 */
async function keepProgrammeWallClock(
	trx: Transaction<Database>,
	eventId: number,
	from: string,
	to: string
) {
	for (const item of await listProgramme(trx, eventId)) {
		await updateProgrammeItem(trx, item.id, {
			starts_at: fromZonedInput(toZonedInput(item.starts_at, from), to)!,
			ends_at: fromZonedInput(toZonedInput(item.ends_at, from), to)!
		});
	}
}

export type Transition = 'publish' | 'close' | 'reopen' | 'cancel' | 'archive';

/** Which states each lifecycle action starts from (the edit page words what was done). */
export const TRANSITIONS: Record<Transition, { from: EventStatus[] }> = {
	publish: { from: ['draft'] },
	close: { from: ['published'] },
	reopen: { from: ['closed', 'cancelled', 'archived'] },
	cancel: { from: ['published', 'closed'] },
	archive: { from: ['draft', 'published', 'closed', 'cancelled'] }
};

/** The lifecycle actions open to an event in a given state. */
export function allowedTransitions(status: EventStatus): Transition[] {
	return (Object.keys(TRANSITIONS) as Transition[]).filter((t) =>
		TRANSITIONS[t].from.includes(status)
	);
}

/** Publishes, closes, reopens, cancels or archives an event. */
export async function changeEventStatus(
	actor: Actor,
	eventId: number,
	transition: Transition
): Promise<Event> {
	return db()
		.transaction()
		.execute(async (trx) => {
			await assertCan(actor, eventId, 'event.edit', trx);
			const event = await lockEvent(trx, eventId);
			if (!TRANSITIONS[transition].from.includes(event.status)) {
				throw new DomainError(
					'invalid',
					m.err_transition({
						status: getLocale() === 'en' ? event.status : eventStatusLabel(event.status),
						done: PAST[transition]
					})
				);
			}
			if (transition === 'publish' && (await listDelegations(trx, eventId)).length === 0) {
				throw new DomainError('invalid', m.err_publish_needs_delegation());
			}
			const at = now();
			// Reopening an archived event that was never published brings back the draft.
			const status: EventStatus =
				transition === 'close'
					? 'closed'
					: transition === 'cancel'
						? 'cancelled'
						: transition === 'archive'
							? 'archived'
							: event.published_at || transition === 'publish'
								? 'published'
								: 'draft';
			const changesToRow = {
				status,
				updated_at: at,
				version: event.version + 1,
				published_at: event.published_at ?? (status === 'published' ? at : null)
			};
			await updateEventRow(trx, eventId, changesToRow);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: `event.${transition}`,
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { status: { from: event.status, to: status } }
			});
			const changed = { ...event, ...changesToRow };
			if (transition === 'cancel') await mailEventCancelled(trx, changed);
			return changed;
		});
}

const PAST: Record<Transition, string> = {
	publish: 'published',
	close: 'closed',
	reopen: 'reopened',
	cancel: 'cancelled',
	archive: 'archived'
};

/** True once anyone registered: the code is then part of references and may not change. */
export function eventCodeLocked(eventId: number): Promise<boolean> {
	return eventHasRegistrations(db(), eventId);
}
