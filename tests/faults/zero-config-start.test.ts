import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/server/db/embedded.ts';
import { startApp, type AppProcess } from '../helpers/app-process.ts';

// The README's first command as a new user runs it: no DATABASE_URL, no SMTP_URL, no ORIGIN.
const dir = '.data-faults/zero-config';
let app: AppProcess | undefined;

afterAll(async () => {
	await app?.stop('SIGINT');
	await rm(dir, { recursive: true, force: true });
});

describe('npm start with no configuration', () => {
	it('starts an embedded database with demo data, and its forms accept posts from http://localhost', async () => {
		await rm(dir, { recursive: true, force: true });
		// An older build than every source: the start builds the app again, as after an update.
		if (existsSync('build/handler.js')) utimesSync('build/handler.js', new Date(0), new Date(0));
		app = await startApp({
			DATA_DIR: dir,
			DATABASE_URL: '',
			SMTP_URL: '',
			ORIGIN: '',
			HOST: '0.0.0.0',
			SEED_DEMO: ''
		});
		const origin = `http://localhost:${app.port}`;
		const events = await fetch(`${origin}/`).then((r) => r.text());
		expect(events).toContain(
			'6th ASEAN and Japan High Level Officials Meeting on Caring Societies'
		);
		const login = await fetch(`${origin}/login`, {
			method: 'POST',
			body: new URLSearchParams({
				email: 'organizer@kaigi.example',
				password: 'kaigi-demo-organizer'
			}),
			headers: {
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			redirect: 'manual'
		});
		expect(login.status).toBe(303);
		expect(login.headers.get('location')).toBe('/admin');
		expect(app.output()).toMatch(/demo organizer: organizer@kaigi.example/);
		// The build said only that it built: no bundler timings, banners or "done".
		expect(app.output()).toMatch(/\[kaigi\] app built/);
		expect(app.output()).not.toMatch(
			/PLUGIN_TIMINGS|callbacks|Using @sveltejs|✔ done|npm run preview/
		);

		// The same server at 127.0.0.1 (or its LAN address) takes the form too; a foreign page
		// gets a page that names the address to use, not a bare "Cross-site … forbidden".
		const post = (from: string) =>
			fetch(`http://127.0.0.1:${app!.port}/login`, {
				method: 'POST',
				body: new URLSearchParams({ email: 'nobody@example.org', password: 'wrong' }),
				headers: {
					origin: from,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				redirect: 'manual'
			});
		expect((await post(`http://127.0.0.1:${app.port}`)).status).toBe(400);
		const refused = await post('https://evil.example');
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain(`href="${origin}/"`);
		// adapter-node's own entry (`node build`) on the same database stops promptly on SIGTERM.
		const url = readFileSync(`${dir}/postgres.url`, 'utf8').trim();
		const port = await freePort();
		const plain = spawn(process.execPath, ['build'], {
			env: {
				...process.env,
				DATABASE_URL: url,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`
			},
			stdio: 'ignore'
		});
		const exited = new Promise<void>((resolve) => plain.once('exit', () => resolve()));
		let up = false;
		for (let i = 0; i < 100 && !up; i++) {
			up = await fetch(`http://127.0.0.1:${port}/health`).then(
				(r) => r.status === 200,
				() => false
			);
			if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(up).toBe(true);
		const stopping = Date.now();
		plain.kill('SIGTERM');
		await exited;
		expect(Date.now() - stopping).toBeLessThan(5000);

		// Ctrl-C stops the app and its database cleanly (130 is the usual exit status after SIGINT).
		expect([0, 130]).toContain(await app.stop('SIGINT'));
		app = undefined;
		expect(existsSync(`${dir}/postgres/postmaster.pid`)).toBe(false);
		expect(existsSync(`${dir}/postgres/PG_VERSION`)).toBe(true);
	});
});
