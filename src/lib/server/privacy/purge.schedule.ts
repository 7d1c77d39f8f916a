import { redactForLog } from '../log-safe.ts';
import { plural, purgeExpiredEvents } from './purge.service.ts';

// The retention purge as a background job of the mail worker's process (scripts/start.ts with
// the inline worker, and every `npm run worker`): once soon after start, then once an hour.
// Never inside hooks.server.ts. Several processes may run it; the event lock makes it run once.

const HOUR = 3_600_000;

/** Starts the hourly retention purge; the log lines name events by code, never a person. */
export function startPurgeSchedule(
	options: { log?: (line: string) => void; intervalMs?: number; firstDelayMs?: number } = {}
): { stop(): Promise<void> } {
	const log = options.log ?? (() => {});
	const intervalMs = options.intervalMs ?? HOUR;
	let stopped = false;
	let running: Promise<void> = Promise.resolve();
	let timer: NodeJS.Timeout | undefined;

	const run = async () => {
		try {
			for (const event of await purgeExpiredEvents()) {
				log(
					`privacy purge: ${event.code} (ended ${event.endedOn}, kept ${event.retentionDays} days): optional data of ${plural(event.registrations, 'registration')} erased, ${event.passports} with passport data`
				);
			}
		} catch (error) {
			log(`privacy purge failed: ${redactForLog((error as Error).message)}; will try again`);
		}
	};
	const schedule = (ms: number) => {
		timer = setTimeout(() => {
			if (stopped) return;
			running = run().then(() => {
				if (!stopped) schedule(intervalMs);
			});
		}, ms);
		timer.unref();
	};
	schedule(options.firstDelayMs ?? 1_000);

	return {
		stop: async () => {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
