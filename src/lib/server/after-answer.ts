import { describeError } from './log-safe.ts';

// Work done after a request was answered, so that the answer and its timing are the same
// whatever the work finds: whether an address has an account decides only what happens here
// (a sign-in link, a password reset mail), never what the visitor sees or how soon.

const running = new Set<Promise<void>>();

/** Starts `work` without waiting for it; a failure is logged as `what`, never shown to anyone. */
export function afterAnswer(what: string, work: () => Promise<void>): void {
	const done: Promise<void> = work()
		.catch((error: unknown) => console.error(`${what}: ${describeError(error)}`))
		.finally(() => running.delete(done));
	running.add(done);
}

/** Resolves once all work started after an answer has finished (tests; an orderly shutdown). */
export async function answeredWorkDone(): Promise<void> {
	while (running.size > 0) await Promise.all(running);
}
