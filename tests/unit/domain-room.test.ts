import { describe, expect, it } from 'vitest';
import {
	delegationHasRoom,
	eventHasRoom,
	eventIsFull,
	hasRoom,
	roomFor
} from '../../src/lib/domain/room.ts';

describe('room: capacity and quota', () => {
	it('has room while fewer seats are taken than the capacity; no capacity means no limit', () => {
		expect(eventHasRoom({ capacity: 50, seats_taken: 49 })).toBe(true);
		expect(eventHasRoom({ capacity: 50, seats_taken: 50 })).toBe(false);
		expect(eventIsFull({ capacity: 50, seats_taken: 50 })).toBe(true);
		expect(eventHasRoom({ capacity: null, seats_taken: 10_000 })).toBe(true);
		expect(eventHasRoom({ capacity: 0, seats_taken: 0 })).toBe(false);
	});

	it('applies a delegation quota the same way', () => {
		expect(delegationHasRoom({ quota: 3, seats_taken: 2 })).toBe(true);
		expect(delegationHasRoom({ quota: 3, seats_taken: 3 })).toBe(false);
		expect(delegationHasRoom({ quota: null, seats_taken: 99 })).toBe(true);
	});

	it('says which limit stops a person: the event first, then the quota', () => {
		const open = { capacity: 10, seats_taken: 5 };
		const full = { capacity: 10, seats_taken: 10 };
		const quotaLeft = { quota: 2, seats_taken: 1 };
		const quotaUsed = { quota: 2, seats_taken: 2 };
		expect(roomFor(open, quotaLeft)).toBe('room');
		expect(roomFor(open, quotaUsed)).toBe('quota_full');
		expect(roomFor(full, quotaUsed)).toBe('event_full');
		expect(hasRoom(open, quotaLeft)).toBe(true);
		expect(hasRoom(full, quotaLeft)).toBe(false);
	});
});
