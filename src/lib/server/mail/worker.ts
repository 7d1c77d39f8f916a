import pg from 'pg';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db, type DB } from '../db/database.ts';
import type { EmailAttachment } from '../db/schema.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { findFileBytes } from '../files/file.repository.ts';
import { sendStaffNotifications } from '../notifications/notification.service.ts';
import { sendAutoReminders } from '../delegations/focal-point.service.ts';
import { hideLinks, LINKS_WIPED, openLinks, revealLinks } from './hidden-links.ts';
import { MAIL_CHANNEL, messageId } from './outbox.ts';
import {
	claimDue,
	markAttemptFailed,
	markSent,
	nextDueAt,
	requeueStuck
} from './outbox.repository.ts';
import { createTransport, type Transport } from './transport.ts';

// Retry delays after each failed attempt; the last entry repeats until about 6 hours have passed.
const BACKOFF_MS = [10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000];
const GIVE_UP_AFTER_MS = 6 * 3_600_000;
const STUCK_AFTER_MS = 5 * 60_000;
const POLL_MS = 5_000;
const BATCH = 20;

/** When to try again after `attempts` failed attempts, or null to give up. */
export function retryDelay(attempts: number, scale = config().mailRetryScale): number | null {
	let total = 0;
	for (let i = 0; i < attempts; i++) total += BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)];
	if (total > GIVE_UP_AFTER_MS) return null;
	return BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] * scale;
}

type Options = {
	database?: DB;
	transport?: Transport;
	log?: (line: string) => void;
	pollMs?: number;
};

/** Sends every due message once; returns how many were attempted. Used by the worker loop and tests. */
export async function deliverDue(
	database: DB,
	transport: Transport,
	from: string,
	/** The backend pid of the worker's own connection, recorded on what it claims. */
	claimer: number | null = null
): Promise<number> {
	const settings = config();
	const at = now();
	await requeueStuck(
		database,
		new Date(at.getTime() - STUCK_AFTER_MS * settings.mailRetryScale),
		at
	);
	const rows = await claimDue(database, at, BATCH, claimer);
	const domain = from.match(/@([^>\s]+)/)?.[1] ?? 'kaigi.localhost';
	const files = await storedFiles(database, rows);
	await Promise.all(
		rows.map(async (row) => {
			let content: ReturnType<typeof withLinks>;
			try {
				content = withLinks(row);
			} catch (error) {
				// No retry brings back links that cannot be read: the sender is told at once.
				const reason = (error as Error).message;
				await markAttemptFailed(database, row.id, reason, null);
				await auditGivenUp(database, row, reason);
				return;
			}
			try {
				const info = await transport.sendMail({
					from,
					to: row.recipient,
					replyTo: row.reply_to ?? undefined,
					subject: row.subject,
					text: content.text,
					html: content.html,
					messageId: messageId(row.dedupe_key, domain),
					attachments: (row.attachments as EmailAttachment[]).map((a) => ({
						filename: a.filename,
						contentType: a.contentType,
						content: a.fileId
							? requireFile(files, a.fileId)
							: Buffer.from(a.contentBase64, 'base64'),
						cid: a.cid
					}))
				});
				await markSent(database, row.id, now(), String(info.response ?? 'sent'), content.redacted);
			} catch (error) {
				const delay = retryDelay(row.attempts);
				const retryAt = delay === null ? null : new Date(now().getTime() + delay);
				const reason = (error as Error).message ?? String(error);
				await markAttemptFailed(database, row.id, reason, retryAt);
				if (retryAt === null) await auditGivenUp(database, row, reason);
			}
		})
	);
	return rows.length;
}

/**
 * The bodies to send, with the hidden links put back (hidden-links.ts). A message queued before
 * links were hidden is sent as stored, and `redacted` is the copy to keep once it is sent.
 */
function withLinks(row: { text_body: string; html_body: string; links_enc: string | null }): {
	text: string;
	html: string;
	redacted?: { text: string; html: string };
} {
	if (row.links_enc === LINKS_WIPED) {
		throw new Error(
			'This message carried personal links, which are not kept once sent; send a new one instead.'
		);
	}
	if (row.links_enc) {
		const links = openLinks(row.links_enc);
		return { text: revealLinks(row.text_body, links), html: revealLinks(row.html_body, links) };
	}
	const legacy = hideLinks([row.text_body, row.html_body]);
	const [text, html] = legacy.bodies;
	return {
		text: row.text_body,
		html: row.html_body,
		redacted: legacy.links.length > 0 ? { text, html } : undefined
	};
}

/** The bytes of the stored files the claimed rows attach, read once per batch. */
async function storedFiles(database: DB, rows: Array<{ attachments: unknown }>) {
	const ids = new Set<number>();
	for (const row of rows) {
		for (const a of row.attachments as EmailAttachment[]) if (a.fileId) ids.add(a.fileId);
	}
	const found = await findFileBytes(database, [...ids]);
	return new Map(found.map((f) => [f.id, Buffer.from(f.bytes)]));
}

function requireFile(files: Map<number, Buffer>, id: number): Buffer {
	const bytes = files.get(id);
	if (!bytes) throw new Error(`attachment file ${id} is missing`);
	return bytes;
}

/** A message given up on is written to the event's audit trail, where staff notifications read it. */
async function auditGivenUp(
	database: DB,
	row: { id: number; event_id: number | null; recipient: string; template: string },
	reason: string
) {
	if (row.event_id === null) return;
	await writeAudit(database, {
		actorUserId: null,
		action: 'email.failed',
		entityType: 'email',
		entityId: row.id,
		eventId: row.event_id,
		diff: { recipient: row.recipient, template: row.template, error: reason.slice(0, 300) }
	});
}

/**
 * The outbox worker: woken by LISTEN/NOTIFY when a message is queued, with a periodic poll as
 * fallback (and for retries that come due). Any number may run; rows are claimed with SKIP LOCKED.
 */
export function startWorker(options: Options = {}): { stop(): Promise<void> } {
	const log = options.log ?? (() => {});
	const pollMs = options.pollMs ?? POLL_MS;
	const transport = options.transport ?? createTransport();
	const from = config().mailFrom;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> = Promise.resolve();
	let again = false;
	let listener: pg.Client | undefined;
	// The pid of the listening connection marks the rows this worker sends: while it is connected,
	// no other worker takes them back; once it is gone (the process died), they are requeued.
	let claimer: number | null = null;

	const tick = (): void => {
		if (stopped) return;
		if (timer) clearTimeout(timer);
		again = true;
		running = running.then(async () => {
			while (again && !stopped) {
				again = false;
				try {
					const database = options.database ?? db();
					// Staff notices and digests are read from the audit trail on the same loop.
					await sendStaffNotifications(database).catch((error: Error) =>
						log(`staff notifications: ${error.message}`)
					);
					// The focal points' automatic reminder before the nomination deadline, once.
					await sendAutoReminders(database).catch((error: Error) =>
						log(`nomination reminders: ${error.message}`)
					);
					while (!stopped && (await deliverDue(database, transport, from, claimer)) > 0)
						again = false;
					const next = await nextDueAt(database);
					const wait = next ? Math.max(50, next.getTime() - now().getTime()) : pollMs;
					if (!stopped) timer = setTimeout(tick, Math.min(wait, pollMs));
				} catch (error) {
					log(`mail worker: ${(error as Error).message}`);
					if (!stopped) timer = setTimeout(tick, pollMs);
				}
			}
		});
	};

	const listen = async (): Promise<void> => {
		const url = config().databaseUrl;
		if (!url || stopped) return;
		const client = new pg.Client({ connectionString: url });
		client.on('error', () => {
			listener = undefined;
			claimer = null;
			if (!stopped) setTimeout(() => void listen().catch(() => {}), pollMs);
		});
		client.on('notification', () => tick());
		await client.connect();
		await client.query(`listen ${MAIL_CHANNEL}`);
		const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
		claimer = rows[0].pid;
		listener = client;
		if (stopped) await client.end();
	};

	// The first round waits for the connection, so that what it claims carries this worker's pid.
	const listening = listen().catch((error: Error) =>
		log(`mail worker: LISTEN unavailable (${error.message}); polling`)
	);
	void Promise.race([listening, new Promise((resolve) => setTimeout(resolve, 2_000))]).then(tick);
	log('mail worker started');

	return {
		stop: async () => {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
			await listener?.end().catch(() => {});
			transport.close();
		}
	};
}
