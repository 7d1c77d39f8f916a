import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/lib/server/db/embedded.ts';

export type AppProcess = {
	url: string;
	port: number;
	child: ChildProcess;
	output: () => string;
	/** Stops the app with a signal and waits for it to exit. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts `node scripts/start.ts` (the real entry, built app) with the given environment and waits until it serves. */
export async function startApp(env: Record<string, string>, port?: number): Promise<AppProcess> {
	const listenPort = port ?? (await freePort());
	const url = `http://127.0.0.1:${listenPort}`;
	let log = '';
	const child = spawn(process.execPath, ['scripts/start.ts'], {
		env: {
			...process.env,
			PORT: String(listenPort),
			HOST: '127.0.0.1',
			ORIGIN: url,
			NO_COLOR: '1',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`app exited early:\n${log}`);
		const ok = await fetch(`${url}/health`).then(
			(r) => r.status === 200,
			() => false
		);
		if (ok) break;
		if (Date.now() > deadline) throw new Error(`app did not start:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return {
		url,
		port: listenPort,
		child,
		output: () => log,
		stop: async (signal = 'SIGTERM') => {
			if (child.exitCode === null) child.kill(signal);
			return exited;
		}
	};
}
