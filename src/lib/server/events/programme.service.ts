import { getLocale } from '../../paraglide/runtime.js';
import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { formatDayRange, fromZonedInput } from '../../time.ts';
import type { ProgrammeItemInput } from '../../schemas/event.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Database, Event } from '../db/schema.ts';
import { DomainError } from '../errors.ts';

import { listProgramme, lockEvent } from './event.repository.ts';
import {
	deleteProgrammeItem,
	findProgrammeItem,
	insertProgrammeItems,
	updateProgrammeItem
} from './programme.repository.ts';

// The agenda: items typed as a day and wall-clock times in the event's zone, stored as instants.

type Trx = Transaction<Database>;

async function begin(trx: Trx, actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'event.edit', trx);
	return lockEvent(trx, eventId);
}

/** The instants of an item typed in the event's zone; the day must fall within the event. */
function toInstants(event: Event, input: ProgrammeItemInput) {
	if (input.day < event.starts_on || input.day > event.ends_on) {
		throw new DomainError(
			'invalid',
			m.err_programme_day({ days: formatDayRange(event.starts_on, event.ends_on, getLocale()) }),
			'day'
		);
	}
	const startsAt = fromZonedInput(`${input.day}T${input.startTime}`, event.time_zone);
	const endsAt = fromZonedInput(`${input.day}T${input.endTime}`, event.time_zone);
	if (!startsAt || !endsAt) throw new DomainError('invalid', m.err_programme_time(), 'startTime');
	if (endsAt <= startsAt) {
		throw new DomainError('invalid', m.err_programme_end(), 'endTime');
	}
	return {
		starts_at: startsAt,
		ends_at: endsAt,
		title: input.title,
		location: input.location,
		description: input.description
	};
}

/** Adds an agenda item. */
export async function addProgrammeItem(
	actor: Actor,
	eventId: number,
	input: ProgrammeItemInput
): Promise<number> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await begin(trx, actor, eventId);
			const values = toInstants(event, input);
			const [item] = await insertProgrammeItems(trx, [{ ...values, event_id: eventId }]);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'programme.add',
				entityType: 'programme_item',
				entityId: item.id,
				eventId,
				diff: { ...values, description: undefined }
			});
			return item.id;
		});
}

/** Edits an agenda item. */
export async function editProgrammeItem(
	actor: Actor,
	eventId: number,
	itemId: number,
	input: ProgrammeItemInput
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			const event = await begin(trx, actor, eventId);
			const item = await findProgrammeItem(trx, eventId, itemId);
			if (!item) throw new DomainError('not_found', m.err_programme_gone());
			const values = toInstants(event, input);
			await updateProgrammeItem(trx, itemId, values);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'programme.update',
				entityType: 'programme_item',
				entityId: itemId,
				eventId,
				diff: {
					from: { starts_at: item.starts_at, ends_at: item.ends_at, title: item.title },
					to: { starts_at: values.starts_at, ends_at: values.ends_at, title: values.title }
				}
			});
		});
}

/** Removes an agenda item. */
export async function removeProgrammeItem(
	actor: Actor,
	eventId: number,
	itemId: number
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await begin(trx, actor, eventId);
			const item = await findProgrammeItem(trx, eventId, itemId);
			if (!item) throw new DomainError('not_found', m.err_programme_gone());
			await deleteProgrammeItem(trx, itemId);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'programme.remove',
				entityType: 'programme_item',
				entityId: itemId,
				eventId,
				diff: { title: item.title, starts_at: item.starts_at }
			});
		});
}

/** The event's programme, in order (public: the event page shows it). */
export function eventProgramme(eventId: number) {
	return listProgramme(db(), eventId);
}
