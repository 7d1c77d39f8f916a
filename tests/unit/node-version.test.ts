import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm start` under a Node.js without type stripping must say what to do, not fail with
// ERR_UNKNOWN_FILE_EXTENSION ".ts" (an `engines` field only warns).

const OLD_NODE = '/usr/bin/node';
const versionOf = (node: string) =>
	spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();

describe('the Node.js version check', () => {
	it('runs before npm start, npm run worker and npm run cli', () => {
		const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
			scripts: Record<string, string>;
		};
		for (const name of ['prestart', 'preworker', 'precli']) {
			// First, before anything else runs (the messages are compiled after it).
			expect(scripts[name].split(' && ')[0]).toBe('node scripts/node-version.mjs');
		}
	});

	it('lets this Node.js through', () => {
		const run = spawnSync(process.execPath, ['scripts/node-version.mjs'], { encoding: 'utf8' });
		expect([run.status, run.stderr]).toEqual([0, '']);
	});

	const old = existsSync(OLD_NODE) && Number(versionOf(OLD_NODE).split('.')[0]) < 22;
	it.skipIf(!old)('refuses an older one with a sentence that says what to do', () => {
		const run = spawnSync(OLD_NODE, ['scripts/node-version.mjs'], { encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr.trim()).toBe(
			`Kaigi needs Node.js 22.18 or newer (you have ${versionOf(OLD_NODE)}); see README (Quick start).`
		);
	});
});
