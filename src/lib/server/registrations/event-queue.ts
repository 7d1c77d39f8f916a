import { m } from '../../paraglide/messages.js';
import { DomainError } from '../errors.ts';

// Registrations for one event are decided one at a time under its row lock anyway. Queueing
// them here, in the process, means a rush of submissions waits in memory instead of holding
// (or timing out waiting for) pool connections that would only sit blocked on that lock
// (DESIGN §3: a small pool with a queue in the app). Other processes still meet at the lock.
// Two run at once, not one: while one holds the lock, the next does the work before it
// (BEGIN, the delegate's user row, the reads), so the lock is handed over at once (npm run
// bench: one at a time made every round trip of the transaction part of the serial path).

const IN_FLIGHT = 2;
const WAIT_LIMIT_MS = 30_000;

type Gate = { running: number; waiting: Array<{ admit: () => void }> };
const gates = new Map<number, Gate>();

/** Runs `work` once fewer than two earlier works for the same event are running, in arrival order. */
export async function inEventQueue<T>(eventId: number, work: () => Promise<T>): Promise<T> {
	let gate = gates.get(eventId);
	if (!gate) {
		gate = { running: 0, waiting: [] };
		gates.set(eventId, gate);
	}
	if (gate.running < IN_FLIGHT && gate.waiting.length === 0) {
		gate.running++;
	} else {
		const queue = gate.waiting;
		// A finishing work hands its slot straight to the first waiter (running stays the same).
		const admitted = await new Promise<boolean>((resolve) => {
			const entry = {
				admit: () => {
					clearTimeout(timer);
					resolve(true);
				}
			};
			const timer = setTimeout(() => {
				queue.splice(queue.indexOf(entry), 1);
				resolve(false);
			}, WAIT_LIMIT_MS);
			queue.push(entry);
		});
		if (!admitted) {
			throw new DomainError('rate_limited', m.err_busy());
		}
	}
	try {
		return await work();
	} finally {
		const next = gate.waiting.shift();
		if (next) next.admit();
		else if (--gate.running === 0) gates.delete(eventId);
	}
}

// The most registrations decided in one transaction: enough for a rush to be a few commits,
// few enough that a batch's lock is held briefly and its statements stay small.
const BATCH_LIMIT = 64;

type Waiting<I, O> = { item: I; resolve: (outcome: O) => void; reject: (error: unknown) => void };
// The batch of each event that waits for its place in the queue (typed by inEventBatch's caller).
const open = new Map<number, unknown>();

/**
 * Group commit: `item` joins the batch of its event that waits for a place in the event's
 * queue (or opens one); once admitted, the batch is closed and `decide` gets its items in
 * arrival order, answering each with its own outcome (same order). A batch of one is admitted
 * at once when the queue is free, so nothing waits when nobody else is registering.
 */
export function inEventBatch<I, O>(
	eventId: number,
	item: I,
	decide: (items: I[]) => Promise<O[]>
): Promise<O> {
	return new Promise<O>((resolve, reject) => {
		const waiting = open.get(eventId) as Waiting<I, O>[] | undefined;
		if (waiting && waiting.length < BATCH_LIMIT) {
			waiting.push({ item, resolve, reject });
			return;
		}
		const batch: Waiting<I, O>[] = [{ item, resolve, reject }];
		open.set(eventId, batch);
		inEventQueue(eventId, async () => {
			// Admitted: later arrivals open the next batch.
			if (open.get(eventId) === batch) open.delete(eventId);
			const outcomes = await decide(batch.map((w) => w.item));
			batch.forEach((w, i) => w.resolve(outcomes[i]));
		}).catch((error: unknown) => {
			if (open.get(eventId) === batch) open.delete(eventId);
			for (const w of batch) w.reject(error);
		});
	});
}
