// npm run worker — an outbox worker as its own process (run several beside `MAIL_WORKER=off` apps).
import { ConfigError, config } from '../src/lib/server/config.ts';
import { closeDatabase } from '../src/lib/server/db/database.ts';
import { startWorker } from '../src/lib/server/mail/worker.ts';
import { startPurgeSchedule } from '../src/lib/server/privacy/purge.schedule.ts';

try {
	config();
	if (!config().databaseUrl || !config().smtpUrl) {
		console.error('npm run worker needs DATABASE_URL and SMTP_URL');
		process.exit(1);
	}
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : error);
	process.exit(1);
}
const log = (line: string) => console.log(`[worker] ${line}`);
const worker = startWorker({ log });
// Each worker also runs the hourly retention purge; the event lock makes it happen once.
const purge = startPurgeSchedule({ log });
const stop = async () => {
	await purge.stop();
	await worker.stop();
	await closeDatabase();
	process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
