import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
	freePort,
	startEmbeddedPostgres,
	type EmbeddedDatabase
} from '../../src/lib/server/db/embedded.ts';
import { startApp, type AppProcess } from '../helpers/app-process.ts';

// PostgreSQL stopped and started under traffic: requests fail fast with a calm 503 and the app
// recovers by itself. Runs on a PostgreSQL instance of its own.
const dir = '.data-faults/outage';
let database: EmbeddedDatabase | undefined;
let app: AppProcess | undefined;

afterAll(async () => {
	await app?.stop();
	await database?.stop().catch(() => {});
	await rm(dir, { recursive: true, force: true });
});

async function timed(url: string, init?: RequestInit) {
	const started = Date.now();
	const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
	const body = await response.text();
	return { status: response.status, body, ms: Date.now() - started };
}

describe('database outage', () => {
	it('answers 503 quickly while PostgreSQL is down and recovers without a restart', async () => {
		await rm(dir, { recursive: true, force: true });
		const port = await freePort();
		database = await startEmbeddedPostgres(`${dir}/db`, { port });
		app = await startApp({
			DATABASE_URL: database.url,
			DATA_DIR: `${dir}/app`,
			DB_ACQUIRE_TIMEOUT_MS: '2000',
			MAIL_WORKER: 'off',
			SEED_DEMO: '1'
		});
		// A signed-in staff member: every request of theirs touches the database (session check).
		const login = await fetch(`${app.url}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email: 'admin@kaigi.example', password: 'kaigi-demo-admin' }),
			headers: {
				origin: app.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			redirect: 'manual'
		});
		expect(login.status, await login.clone().text()).toBe(303);
		const cookie = login.headers.get('set-cookie')!.split(';')[0];
		expect((await timed(`${app.url}/admin`, { headers: { cookie } })).status).toBe(200);

		await database.stop();
		for (const path of ['/admin', '/admin/staff']) {
			const down = await timed(`${app.url}${path}`, { headers: { cookie } });
			expect(down.status).toBe(503);
			expect(down.body).toMatch(/briefly unavailable/i);
			expect(down.ms).toBeLessThan(2000 + 1500);
		}
		expect((await timed(`${app.url}/health`)).status).toBe(503);

		database = await startEmbeddedPostgres(`${dir}/db`, { port });
		let recovered = false;
		for (let i = 0; i < 40 && !recovered; i++) {
			recovered = (await timed(`${app.url}/admin`, { headers: { cookie } })).status === 200;
			if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(recovered).toBe(true);
		expect(app.child.exitCode).toBeNull();
	});
});
