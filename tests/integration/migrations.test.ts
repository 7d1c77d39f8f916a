import { inject, describe, expect, it } from 'vitest';
import { createDatabase as createKysely } from '../../src/lib/server/db/database.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrator.ts';
import { createDatabase, databaseUrl, dropDatabase } from '../helpers/databases.ts';

describe('migrations', () => {
	it('apply on an empty database and are idempotent', async () => {
		const server = inject('testServerUrl');
		const name = `kaigi_test_${inject('runId')}_empty`;
		await createDatabase(server, name);
		const database = createKysely(databaseUrl(server, name), { max: 2, acquireTimeoutMs: 5000 });
		try {
			const first = await migrateToLatest(database);
			expect(first[0]).toBe('0001_foundation');
			expect(first.length).toBeGreaterThanOrEqual(4);
			expect(await migrateToLatest(database)).toEqual([]);
			const tables = await database
				.selectFrom('information_schema.tables' as never)
				.select('table_name' as never)
				.where('table_schema' as never, '=', 'public' as never)
				.execute();
			const names = tables.map((t) => (t as { table_name: string }).table_name);
			for (const table of [
				'users',
				'sessions',
				'sign_in_tokens',
				'event_staff',
				'audit_log',
				'rate_limits'
			]) {
				expect(names).toContain(table);
			}
		} finally {
			await database.destroy();
			await dropDatabase(server, name);
		}
	});
});
