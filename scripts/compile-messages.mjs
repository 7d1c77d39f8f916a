// Compiles messages/*.json into src/lib/paraglide (plain ES modules), so that scripts running
// under plain Node (start, seed, worker, CLI) and svelte-check find them on a fresh clone.
// Run on install, before start and before check; the Vite plugin does the same for builds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { messagesOptions } from './messages-options.mjs';

// Plain JavaScript, like node-version.mjs: it runs on install, before any version check.
/** @type {typeof import('@inlang/paraglide-js').compile} */
let compile;
try {
	({ compile } = await import('@inlang/paraglide-js'));
} catch {
	// An install without development dependencies serves a build that already holds the messages.
	console.log('compile-messages: @inlang/paraglide-js is not installed; skipped');
	process.exit(0);
}

// Compiling rewrites the whole folder; a process loading those modules at that moment (the test
// server beside `npm run check`) would find one missing. When nothing that goes into them has
// changed since the last compile, the folder is left as it is.
const STAMP = 'node_modules/.cache/kaigi-messages.sha256';
const inputs = createHash('sha256');
for (const file of [
	...readdirSync('messages')
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => `messages/${name}`),
	`${messagesOptions.project}/settings.json`,
	'scripts/messages-options.mjs',
	'node_modules/@inlang/paraglide-js/package.json'
]) {
	inputs.update(file).update(existsSync(file) ? readFileSync(file) : '');
}
const digest = inputs.digest('hex');
const indexFile = `${messagesOptions.outdir}/messages/_index.js`;
if (
	existsSync(indexFile) &&
	existsSync(`${messagesOptions.outdir}/runtime.js`) &&
	existsSync(STAMP) &&
	readFileSync(STAMP, 'utf8') === digest
) {
	process.exit(0);
}

await compile({ ...messagesOptions, isServer: "typeof window === 'undefined'" });

// The compiler only warns when its message-format plugin cannot be loaded, and then writes no
// messages at all: refuse that here rather than fail later on a missing export.
const keys = Object.keys(JSON.parse(readFileSync('messages/en.json', 'utf8'))).filter(
	(key) => !key.startsWith('$')
);
const compiled = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : '';
const missing = keys.filter((key) => !compiled.includes(`'./${key}.js'`));
if (keys.length === 0 || missing.length > 0) {
	console.error(
		`compile-messages: ${missing.length} message(s) not compiled: ${missing.slice(0, 5).join(', ')}`
	);
	process.exit(1);
}
mkdirSync('node_modules/.cache', { recursive: true });
writeFileSync(STAMP, digest);
// The compiler leaves a timer behind that would hold the process for half a minute.
process.exit(0);
