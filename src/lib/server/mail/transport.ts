import nodemailer from 'nodemailer';
import { config } from '../config.ts';

export type Transport = ReturnType<typeof nodemailer.createTransport>;

/** A pooled nodemailer SMTP transport for SMTP_URL. */
export function createTransport(url = config().smtpUrl): Transport {
	if (!url) throw new Error('SMTP_URL is not set');
	const parsed = new URL(url);
	return nodemailer.createTransport({
		host: parsed.hostname,
		port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
		secure: parsed.protocol === 'smtps:',
		auth: parsed.username
			? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
			: undefined,
		// Loopback development catchers do not offer TLS.
		ignoreTLS: ['127.0.0.1', 'localhost', '::1'].includes(parsed.hostname),
		pool: true,
		maxConnections: 4,
		maxMessages: 500,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
}
