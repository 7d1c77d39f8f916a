import { afterAll, beforeAll, inject } from 'vitest';
import { reloadConfig } from '../../src/lib/server/config.ts';
import {
	closeDatabase,
	createDatabase as createKysely,
	setDatabase
} from '../../src/lib/server/db/database.ts';
import { setNow } from '../../src/lib/server/clock.ts';
import { createDatabase, databaseUrl, dropDatabase } from './databases.ts';

// Each test file gets its own database, cloned from the migrated template.
let name: string | undefined;

beforeAll(async () => {
	const server = inject('testServerUrl');
	name = `kaigi_test_${inject('runId')}_${Math.random().toString(36).slice(2, 10)}`;
	await createDatabase(server, name, inject('templateDatabase'));
	const url = databaseUrl(server, name);
	process.env.DATABASE_URL = url;
	process.env.DATA_DIR = `.data-test/files-${name}`;
	reloadConfig();
	setDatabase(createKysely(url, { max: 20, acquireTimeoutMs: 10_000 }));
});

afterAll(async () => {
	setNow(undefined);
	await closeDatabase();
	if (name) await dropDatabase(inject('testServerUrl'), name);
});
