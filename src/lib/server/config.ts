import { z } from 'zod';

// Every setting of DESIGN §9, parsed once. Scripts and the app read it the same way, so a
// wrong value stops start-up with a message naming the variable instead of failing later.
const booleanish = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
	.transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const postgresUrl = z
	.string()
	.trim()
	.refine((v) => {
		try {
			const url = new URL(v);
			return (
				(url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.pathname.length > 1
			);
		} catch {
			return false;
		}
	}, 'must be a URL like postgres://user:password@host:5432/database');

const httpUrl = z
	.string()
	.trim()
	.refine((v) => {
		try {
			const url = new URL(v);
			return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/';
		} catch {
			return false;
		}
	}, 'must be an origin like https://kaigi.example.org (scheme, host and optional port only)');

const smtpUrl = z
	.string()
	.trim()
	.refine((v) => {
		try {
			return ['smtp:', 'smtps:'].includes(new URL(v).protocol);
		} catch {
			return false;
		}
	}, 'must be a URL like smtp://user:password@mail.example.org:587');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
	DATABASE_URL: postgresUrl.optional(),
	PORT: int(1, 65535).default(3000),
	HOST: z.string().trim().min(1).default('0.0.0.0'),
	ORIGIN: httpUrl.optional(),
	TRUSTED_ORIGINS: z
		.string()
		.trim()
		.transform((v) => v.split(/[\s,]+/).filter(Boolean))
		.pipe(z.array(httpUrl))
		.optional(),
	SMTP_URL: smtpUrl.optional(),
	MAIL_FROM: z
		.string()
		.trim()
		.regex(/^[^\r\n]+$/, 'must be one line')
		.default('Kaigi <no-reply@kaigi.localhost>'),
	MAIL_WORKER: z.enum(['inline', 'off']).default('inline'),
	DATA_DIR: z.string().trim().min(1).default('.data'),
	DB_POOL_MAX: int(1, 200).default(10),
	DB_ACQUIRE_TIMEOUT_MS: int(100, 600_000).default(5_000),
	PII_KEY: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
		.optional(),
	PII_KEY_OLD: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (the key before PII_KEY)')
		.optional(),
	DOCUMENT_SIGNING_KEY: z
		.string()
		.trim()
		.regex(
			/^[A-Za-z0-9+/]{43}=$/,
			'must be a 32-byte Ed25519 seed in base64 (openssl rand -base64 32)'
		)
		.optional(),
	LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1000).default(5),
	LOGIN_MAX_FAILURES_PER_IP: int(1, 100_000).default(50),
	SIGNIN_LINKS_PER_EMAIL_PER_HOUR: int(1, 1000).default(5),
	REGISTRATIONS_PER_IP_PER_HOUR: int(1, 10_000_000).default(1000),
	MAIL_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
	SEED_DEMO: booleanish.optional(),
	UPLOAD_SCAN_COMMAND: z.string().trim().min(1).optional()
});

export type Config = {
	databaseUrl: string | undefined;
	port: number;
	host: string;
	/** Public origin (links in e-mails, the form-POST origin check): ORIGIN, else http://localhost:PORT (or HOST:PORT). */
	origin: string;
	/** Other addresses of this server whose forms are accepted (TRUSTED_ORIGINS; `npm start` without ORIGIN fills it). */
	trustedOrigins: string[];
	secureCookies: boolean;
	smtpUrl: string | undefined;
	mailFrom: string;
	mailWorker: 'inline' | 'off';
	dataDir: string;
	dbPoolMax: number;
	dbAcquireTimeoutMs: number;
	piiKey: string | undefined;
	/** The previous passport-data key while a rotation is under way: still read, never written. */
	piiKeyOld: string | undefined;
	/** Seed of the Ed25519 key that signs documents' credentials; generated into DATA_DIR when unset. */
	documentSigningKey: string | undefined;
	loginMaxFailuresPerAccount: number;
	loginMaxFailuresPerIp: number;
	signInLinksPerEmailPerHour: number;
	registrationsPerIpPerHour: number;
	mailRetryScale: number;
	seedDemo: boolean | undefined;
	/** A shell command that reads an uploaded file on stdin: exit 0 clean, 1 infected (e.g. `clamdscan --no-summary -`). */
	uploadScanCommand: string | undefined;
};

export class ConfigError extends Error {
	readonly problems: string[];
	constructor(problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
		this.problems = problems;
	}
}

/** Parses an environment (process.env by default) into a Config, or throws a ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
	const cleaned = Object.fromEntries(
		Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]])
	);
	const result = schema.safeParse(cleaned);
	if (!result.success) {
		throw new ConfigError(
			result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`)
		);
	}
	const e = result.data;
	return {
		databaseUrl: e.DATABASE_URL,
		port: e.PORT,
		host: e.HOST,
		origin: (
			e.ORIGIN ??
			`http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST}:${e.PORT}`
		).replace(/\/$/, ''),
		trustedOrigins: (e.TRUSTED_ORIGINS ?? []).map((o) => o.replace(/\/$/, '')),
		secureCookies: e.ORIGIN?.startsWith('https:') ?? false,
		smtpUrl: e.SMTP_URL,
		mailFrom: e.MAIL_FROM,
		mailWorker: e.MAIL_WORKER,
		dataDir: e.DATA_DIR,
		dbPoolMax: e.DB_POOL_MAX,
		dbAcquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
		piiKey: e.PII_KEY,
		piiKeyOld: e.PII_KEY_OLD,
		documentSigningKey: e.DOCUMENT_SIGNING_KEY,
		loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
		loginMaxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
		signInLinksPerEmailPerHour: e.SIGNIN_LINKS_PER_EMAIL_PER_HOUR,
		registrationsPerIpPerHour: e.REGISTRATIONS_PER_IP_PER_HOUR,
		mailRetryScale: e.MAIL_RETRY_SCALE,
		seedDemo: e.SEED_DEMO,
		uploadScanCommand: e.UPLOAD_SCAN_COMMAND
	};
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
	cached ??= parseConfig();
	return cached;
}

/** Forgets the parsed configuration, so the next call reads process.env again (start-up scripts set DATABASE_URL late). */
export function reloadConfig(): Config {
	cached = undefined;
	return config();
}
