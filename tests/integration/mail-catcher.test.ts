import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { startMailCatcher } from '../../src/lib/server/mail/catcher.ts';

// The development mail catcher (no SMTP_URL): each message lands in the folder as one whole
// .eml file; the mail log and the browser tests read that folder while messages arrive.

describe('the mail catcher', () => {
	const dirs: string[] = [];
	afterAll(async () => {
		await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
	});

	it('saves every message whole, under its final name only', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-catcher-'));
		dirs.push(dir);
		const catcher = await startMailCatcher(dir);
		const transport = nodemailer.createTransport({
			url: catcher.url,
			pool: true,
			maxConnections: 4
		});
		try {
			const body = 'Nguyễn Thị Minh Khai — 山本 博\n'.repeat(20_000);
			await Promise.all(
				Array.from({ length: 12 }, (_, i) =>
					transport.sendMail({
						from: 'kaigi@example.org',
						to: `delegate-${i}@example.org`,
						subject: `Message ${i}`,
						text: body
					})
				)
			);
		} finally {
			transport.close();
			await catcher.stop();
		}
		const files = await readdir(dir);
		expect(files.filter((f) => !f.endsWith('.eml'))).toEqual([]);
		expect(files).toHaveLength(12);
		for (const file of files) {
			const text = await readFile(path.join(dir, file), 'utf8');
			expect(text).toMatch(/^To: delegate-\d+@example\.org$/m);
			expect(text.length).toBeGreaterThan(500_000);
		}
	});
});
