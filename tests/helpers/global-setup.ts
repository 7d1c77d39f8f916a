import type { TestProject } from 'vitest/node';
import { createDatabase as createKysely } from '../../src/lib/server/db/database.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrator.ts';
import {
	createDatabase,
	databaseUrl,
	dropDatabase,
	onServer,
	openTestServer
} from './databases.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		testServerUrl: string;
		templateDatabase: string;
		runId: string;
	}
}

// One migrated template per run; each test file clones it (see file-setup.ts).
export default async function setup(project: TestProject) {
	const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
	const server = await openTestServer('.data-test/postgres-vitest');
	const template = `kaigi_test_${runId}_template`;
	await createDatabase(server.adminUrl, template);
	const database = createKysely(databaseUrl(server.adminUrl, template), {
		max: 1,
		acquireTimeoutMs: 10_000
	});
	try {
		await migrateToLatest(database);
	} finally {
		await database.destroy();
	}
	project.provide('testServerUrl', server.adminUrl);
	project.provide('templateDatabase', template);
	project.provide('runId', runId);

	return async () => {
		// Drop anything this run left behind (a crashed file), then the template.
		const client = await import('pg').then(
			(m) => new m.default.Client({ connectionString: server.adminUrl })
		);
		await client.connect();
		const { rows } = await client.query<{ datname: string }>(
			`select datname from pg_database where datname like $1`,
			[`kaigi_test_${runId}_%`]
		);
		await client.end();
		for (const row of rows) await dropDatabase(server.adminUrl, row.datname);
		await onServer(server.adminUrl, 'select 1');
		await server.stop();
	};
}
