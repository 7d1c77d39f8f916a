import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';
import type { DB } from './database.ts';

const defaultFolder = fileURLToPath(new URL('../../../../migrations', import.meta.url));

/** Applies every pending migration in migrations/ in order; throws with the failing migration's name. */
export async function migrateToLatest(database: DB, folder = defaultFolder): Promise<string[]> {
	const migrator = new Migrator({
		db: database,
		provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }),
		// Capabilities are developed side by side; a migration merged later may sort earlier.
		allowUnorderedMigrations: true
	});
	const result: MigrationResultSet = await migrator.migrateToLatest();
	const failed = result.results?.find((r) => r.status === 'Error');
	if (result.error) {
		const reason = result.error instanceof Error ? result.error.message : String(result.error);
		throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`, {
			cause: result.error
		});
	}
	return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
