// Whether there is a seat: the event's capacity and each delegation's quota, null meaning no
// limit. The counters come from the event and delegation rows, read under the event lock
// (DESIGN §3); this module only says what they mean. Browser-safe.

export type EventSeats = { capacity: number | null; seats_taken: number };
export type DelegationSeats = { quota: number | null; seats_taken: number };

/** True while the event's capacity has a free seat (no capacity: always). */
export function eventHasRoom(event: EventSeats): boolean {
	return event.capacity === null || event.seats_taken < event.capacity;
}

/** Every seat of the event's capacity is taken. */
export function eventIsFull(event: EventSeats): boolean {
	return !eventHasRoom(event);
}

/** True while the delegation's quota has a free seat (no quota: always). */
export function delegationHasRoom(delegation: DelegationSeats): boolean {
	return delegation.quota === null || delegation.seats_taken < delegation.quota;
}

export type RoomOutcome = 'room' | 'event_full' | 'quota_full';

/** Whether one more person of this delegation gets a seat, and if not, which limit stops them. */
export function roomFor(event: EventSeats, delegation: DelegationSeats): RoomOutcome {
	if (!eventHasRoom(event)) return 'event_full';
	if (!delegationHasRoom(delegation)) return 'quota_full';
	return 'room';
}

/** True when the event and the delegation both have a free seat. */
export function hasRoom(event: EventSeats, delegation: DelegationSeats): boolean {
	return roomFor(event, delegation) === 'room';
}
