import path from 'node:path';
import { config, reloadConfig } from '../config.ts';
import { startMailCatcher } from './catcher.ts';
import { startWorker } from './worker.ts';

/**
 * Starts what mail needs in this process: the development catcher when no SMTP_URL is set
 * (mail lands in DATA_DIR/mail), and the outbox worker unless MAIL_WORKER=off.
 */
export async function startMail(log: (line: string) => void): Promise<{ stop(): Promise<void> }> {
	const stops: Array<() => Promise<void>> = [];
	if (!config().smtpUrl) {
		const catcher = await startMailCatcher(path.join(path.resolve(config().dataDir), 'mail'));
		process.env.SMTP_URL = catcher.url;
		reloadConfig();
		stops.push(catcher.stop);
		log(`no SMTP_URL: mail is caught into ${catcher.dir} and shown in each event's mail log`);
	}
	if (config().mailWorker === 'inline') {
		const worker = startWorker({ log });
		stops.unshift(worker.stop);
	}
	return {
		stop: async () => {
			for (const stop of stops) await stop();
		}
	};
}
