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
			throw new DomainError(
				'rate_limited',
				'Many people are registering right now. Please try again in a minute; nothing was saved.'
			);
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
