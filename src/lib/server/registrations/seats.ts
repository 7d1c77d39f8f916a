import type { Transaction } from 'kysely';
import { delegationHasRoom, eventHasRoom } from '../../domain/room.ts';
import type { Database } from '../db/schema.ts';
import { addDelegationSeats, lockDelegation } from '../events/delegation.repository.ts';
import { addEventSeats, readEventSeats } from '../events/event.repository.ts';

// Seats are decided under the event row lock, with the counters kept in the locked rows
// (DESIGN §3): never count(*) a growing table here. What the counters mean: domain/room.ts.

type Trx = Transaction<Database>;

export type SeatOutcome = 'taken' | 'event_full' | 'quota_full';

/** Takes a seat in the event and the delegation if both have room. Call while holding the event lock. */
export async function tryTakeSeat(
	trx: Trx,
	eventId: number,
	delegationId: number
): Promise<SeatOutcome> {
	const event = await readEventSeats(trx, eventId);
	if (!eventHasRoom(event)) return 'event_full';
	const delegation = await lockDelegation(trx, eventId, delegationId);
	if (!delegation) throw new Error(`delegation ${delegationId} is not part of event ${eventId}`);
	if (!delegationHasRoom(delegation)) return 'quota_full';
	await addEventSeats(trx, eventId, 1);
	await addDelegationSeats(trx, delegationId, 1);
	return 'taken';
}

/** Gives a confirmed registration's seat back to the event and its delegation. */
export async function releaseSeat(trx: Trx, eventId: number, delegationId: number) {
	await addEventSeats(trx, eventId, -1);
	await addDelegationSeats(trx, delegationId, -1);
}
