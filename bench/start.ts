// Cold start: `node build` (adapter-node's own server, database already migrated) and
// `node scripts/start.ts` (npm start: embedded PostgreSQL already initialised, migrations, mail).
import { launchApp } from './app.ts';

export type StartResult = { runsMs: number[]; medianMs: number; log: string };

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Starts `node <args>` `runs` times, each to its first 200 on /health, and stops it again. */
export async function timeStarts(
	root: string,
	args: string[],
	port: number,
	env: Record<string, string | undefined>,
	runs: number,
	graceMs?: number
): Promise<StartResult> {
	const runsMs: number[] = [];
	let log = '';
	for (let i = 0; i < runs; i++) {
		const app = await launchApp({ root, args, port, env });
		runsMs.push(app.startMs);
		await app.stop(graceMs);
		log = app.output();
	}
	return { runsMs, medianMs: median(runsMs), log };
}

/** The environment of an `npm start` with nothing configured but its data folder and port. */
export function npmStartEnv(dataDir: string): Record<string, string | undefined> {
	return {
		DATA_DIR: dataDir,
		DATABASE_URL: undefined,
		SMTP_URL: undefined,
		MAIL_WORKER: undefined,
		SEED_DEMO: undefined,
		KAIGI_SKIP_BUILD: undefined
	};
}
