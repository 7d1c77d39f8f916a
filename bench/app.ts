// Starting the built app as a child process, timing its first 200, and reading its memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type RunningApp = {
	url: string;
	child: ChildProcess;
	/** Milliseconds from spawn to the first 200 from `readyPath`. */
	startMs: number;
	output(): string;
	/** SIGTERM, then SIGKILL after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
};

type Launch = {
	root: string;
	/** Arguments to node: ['build'] or ['scripts/start.ts']. */
	args: string[];
	port: number;
	env: Record<string, string | undefined>;
	readyPath?: string;
	timeoutMs?: number;
};

/**
 * Options for node in the app processes the bench starts, from BENCH_APP_NODE_ARGS: e.g.
 * `--prof --logfile=/tmp/app-%p.log --no-logfile-per-isolate` for a V8 tick profile of the app
 * under load, read with `node --prof-process` (the app is killed at the end, so a profile that is
 * only written at exit, like --cpu-prof, would be lost).
 */
function nodeOptions(): string[] {
	return (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** Spawns `node <args>` on 127.0.0.1:port and polls until `readyPath` answers 200. */
export async function launchApp(launch: Launch): Promise<RunningApp> {
	const url = `http://127.0.0.1:${launch.port}`;
	let log = '';
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries({
		...process.env,
		PORT: String(launch.port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		NO_COLOR: '1',
		...launch.env
	})) {
		if (value !== undefined) env[key] = value;
	}
	const started = performance.now();
	const child = spawn(process.execPath, [...nodeOptions(), ...launch.args], {
		cwd: launch.root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + (launch.timeoutMs ?? 120_000);
	const ready = `${url}${launch.readyPath ?? '/health'}`;
	let last = '';
	for (;;) {
		if (child.exitCode !== null) throw new Error(`node ${launch.args.join(' ')} exited:\n${log}`);
		const ok = await fetch(ready).then(
			async (response) => {
				last = `${response.status} ${(await response.text()).slice(0, 200)}`;
				return response.status === 200;
			},
			(error: Error) => {
				last = String(error.cause ?? error.message);
				return false;
			}
		);
		if (ok) break;
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`node ${launch.args.join(' ')} did not answer 200 (${last}):\n${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	const startMs = performance.now() - started;
	return {
		url,
		child,
		startMs,
		output: () => log,
		stop: async (graceMs = 15_000) => {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
				await exited;
				clearTimeout(force);
			}
		}
	};
}

/** Resident set size of a process in bytes (VmRSS in /proc/<pid>/status). */
export function rssOf(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1] ?? 0);
	return kb * 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak over the first sample. */
export function sampleRss(pid: number, everyMs = 50) {
	const before = rssOf(pid);
	let peak = before;
	const timer = setInterval(() => {
		try {
			peak = Math.max(peak, rssOf(pid));
		} catch {
			// The process ended; keep what was seen.
		}
	}, everyMs);
	return {
		stop(): { beforeBytes: number; peakBytes: number; growthBytes: number } {
			clearInterval(timer);
			try {
				peak = Math.max(peak, rssOf(pid));
			} catch {
				// as above
			}
			return { beforeBytes: before, peakBytes: peak, growthBytes: peak - before };
		}
	};
}
