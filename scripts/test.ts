// npm test — check, Vitest (unit + integration), timing tests, Playwright end to end, and the
// fault tests; ends with one line "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
mkdirSync('test-results', { recursive: true });

function run(
	label: string,
	command: string,
	args: string[],
	extraEnv: Record<string, string> = {}
) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
	return result.status ?? 1;
}

/** Runs a Vitest configuration and adds its counts (a file that fails to load counts once). */
function vitest(label: string, config: string | null) {
	const report = `test-results/${label}.json`;
	rmSync(report, { force: true });
	run(label, 'npx', [
		'vitest',
		'run',
		...(config ? ['--config', config] : []),
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${report}`
	]);
	try {
		const result = JSON.parse(readFileSync(report, 'utf8'));
		passed += result.numPassedTests;
		failed += result.numFailedTests || (result.success ? 0 : 1);
	} catch {
		failed++;
	}
}

const only = process.argv[2];

if (!only || only === 'check') {
	if (run('check', 'npm', ['run', '--silent', 'check']) === 0) passed++;
	else failed++;
}

if (!only || only === 'unit') vitest('vitest', null);

// Timing on 100 000 registrations, alone on the machine.
if (!only || only === 'perf') vitest('perf', 'vitest.perf.config.ts');

if (!only || only === 'e2e') {
	rmSync('test-results/playwright.json', { force: true });
	run('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
		CI: 'true'
	});
	try {
		const report = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
		passed += report.stats.expected + (report.stats.flaky ?? 0);
		failed += report.stats.unexpected + (report.errors?.length ? 1 : 0);
	} catch {
		failed++;
	}
}

// Servers and databases of their own: a killed server, a stopped database, a mail outage.
if (!only || only === 'faults') vitest('faults', 'vitest.faults.config.ts');

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
