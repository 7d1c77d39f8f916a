import { DomainError } from '../errors.ts';

// Registrations for one event are decided one at a time under its row lock anyway. Queueing
// them here, in the process, means a rush of submissions waits in memory instead of holding
// (or timing out waiting for) pool connections that would only sit blocked on that lock
// (DESIGN §3: a small pool with a queue in the app). Other processes still meet at the lock.

const tails = new Map<number, Promise<void>>();
const WAIT_LIMIT_MS = 30_000;

/** Runs `work` after every earlier queued work for the same event has finished. */
export async function inEventQueue<T>(eventId: number, work: () => Promise<T>): Promise<T> {
	const previous = tails.get(eventId) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(eventId, tail);
	let timer: NodeJS.Timeout | undefined;
	try {
		const waited = await Promise.race([
			previous.then(() => true),
			new Promise<boolean>((resolve) => {
				timer = setTimeout(() => resolve(false), WAIT_LIMIT_MS);
			})
		]);
		if (!waited) {
			throw new DomainError(
				'rate_limited',
				'Many people are registering right now. Please try again in a minute; nothing was saved.'
			);
		}
		return await work();
	} finally {
		clearTimeout(timer);
		release();
		if (tails.get(eventId) === tail) tails.delete(eventId);
	}
}
