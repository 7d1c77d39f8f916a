// npm run cli -- <command> — administration from the shell.
//   user:create --email a@b.org --name "Full Name" [--admin]   (password from stdin if piped, else generated)
import { parseArgs } from 'node:util';
import { newPassword } from '../src/lib/schemas/auth.ts';
import { email as emailSchema, oneLine } from '../src/lib/schemas/fields.ts';
import { generatePassword } from '../src/lib/server/auth/password.ts';
import { ConfigError, config } from '../src/lib/server/config.ts';
import { db } from '../src/lib/server/db/database.ts';
import { migrateToLatest } from '../src/lib/server/db/migrator.ts';
import { ensureDatabase } from '../src/lib/server/db/runtime.ts';
import { DomainError } from '../src/lib/server/errors.ts';
import { createStaff } from '../src/lib/server/users/user.service.ts';

const usage = `Usage:
  npm run cli -- user:create --email <e-mail> --name <name> [--admin]
      Creates a staff account. A password piped on stdin is used; otherwise one is generated and printed.`;

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

const [command, ...rest] = process.argv.slice(2);
if (command !== 'user:create') fail(usage);
const { values } = parseArgs({
	args: rest,
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		admin: { type: 'boolean', default: false }
	},
	strict: true
});
const email = emailSchema.safeParse(values.email ?? '');
if (!email.success) fail(`--email: ${email.error.issues[0].message}\n\n${usage}`);
const name = oneLine(200, 'Name').safeParse(values.name ?? '');
if (!name.success) fail(`--name: ${name.error.issues[0].message}\n\n${usage}`);
const piped = await readStdin();
const password = piped || generatePassword();
const checked = newPassword.safeParse(password);
if (!checked.success) fail(`password: ${checked.error.issues[0].message}`);

try {
	config();
} catch (error) {
	fail(error instanceof ConfigError ? error.message : String(error));
}
const runtime = await ensureDatabase();
try {
	await migrateToLatest(db());
	await createStaff(null, {
		email: email.data,
		displayName: name.data,
		password,
		isAdmin: values.admin ?? false
	});
	console.log(`${values.admin ? 'Administrator' : 'Staff member'} ${email.data} created.`);
	if (!piped) console.log(`Password: ${password}`);
} catch (error) {
	console.error(error instanceof DomainError ? error.message : error);
	process.exitCode = 1;
} finally {
	await runtime.stop();
}
