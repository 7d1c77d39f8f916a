// Starts the built app for end-to-end tests: its own database (on TEST_DATABASE_URL's server, or
// embedded), demo data, the mail catcher writing into .data-e2e/mail, ORIGIN = Playwright's baseURL.
import { rmSync } from 'node:fs';
import { createDatabase, databaseUrl, dropDatabase } from '../helpers/databases.ts';

const port = process.env.E2E_PORT ?? '4173';
const dataDir = process.env.E2E_DATA_DIR ?? '.data-e2e';
rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;
process.env.PORT = port;
process.env.HOST = '127.0.0.1';
process.env.ORIGIN ??= `http://127.0.0.1:${port}`;
// The same server at localhost too: passkeys need a host name (an IP address is no relying party).
process.env.TRUSTED_ORIGINS ??= `http://localhost:${port}`;
process.env.SEED_DEMO = '1';
delete process.env.SMTP_URL;
delete process.env.DATABASE_URL;

const server = process.env.TEST_DATABASE_URL;
if (server) {
	const name = `kaigi_test_e2e_${port}`;
	await dropDatabase(server, name);
	await createDatabase(server, name);
	process.env.DATABASE_URL = databaseUrl(server, name);
}
await import('../../scripts/start.ts');
