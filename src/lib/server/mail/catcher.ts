import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../db/embedded.ts';

export type MailCatcher = { url: string; dir: string; stop(): Promise<void> };

/**
 * A development SMTP server on loopback that accepts every message and saves it as an .eml
 * file in `dir` (DATA_DIR/mail), whole or not at all. Used when no SMTP_URL is configured.
 */
export async function startMailCatcher(dir: string, port?: number): Promise<MailCatcher> {
	await mkdir(dir, { recursive: true });
	let counter = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		size: 25 * 1024 * 1024,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const stamp = new Date().toISOString().replace(/[:.]/g, '-');
				const file = path.join(dir, `${stamp}-${process.pid}-${++counter}.eml`);
				// Written under another name and renamed: a reader of the folder (the mail log, a
				// test) never sees a message half written.
				const partial = `${file}.part`;
				writeFile(partial, Buffer.concat(chunks))
					.then(() => rename(partial, file))
					.then(
						() => callback(null, `saved ${path.basename(file)}`),
						(error: Error) => callback(error)
					);
			});
		}
	});
	const listenPort = port ?? (await freePort());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(listenPort, '127.0.0.1', () => resolve());
	});
	server.on('error', (error) => console.error(`mail catcher: ${error.message}`));
	return {
		url: `smtp://127.0.0.1:${listenPort}`,
		dir,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
