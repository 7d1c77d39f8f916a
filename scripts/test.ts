// npm test — check, then Vitest (unit + integration), then Playwright; ends with "N passed, N failed".
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

const only = process.argv[2];

if (!only || only === 'check') {
	const status = run('check', 'npm', ['run', '--silent', 'check']);
	if (status === 0) passed++;
	else failed++;
}

if (!only || only === 'unit') {
	rmSync('test-results/vitest.json', { force: true });
	run('vitest', 'npx', [
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		'--outputFile.json=test-results/vitest.json'
	]);
	try {
		const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
		passed += report.numPassedTests;
		failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
	} catch {
		failed++;
	}
}

if (!only || only === 'perf') {
	// Timing on 100 000 registrations, alone on the machine.
	rmSync('test-results/perf.json', { force: true });
	run('perf', 'npx', [
		'vitest',
		'run',
		'--config',
		'vitest.perf.config.ts',
		'--reporter=default',
		'--reporter=json',
		'--outputFile.json=test-results/perf.json'
	]);
	try {
		const report = JSON.parse(readFileSync('test-results/perf.json', 'utf8'));
		passed += report.numPassedTests;
		failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
	} catch {
		failed++;
	}
}

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

if (!only || only === 'faults') {
	// Servers and databases of their own: a killed server, a stopped database, a mail outage.
	rmSync('test-results/faults.json', { force: true });
	run('faults', 'npx', [
		'vitest',
		'run',
		'--config',
		'vitest.faults.config.ts',
		'--reporter=default',
		'--reporter=json',
		'--outputFile.json=test-results/faults.json'
	]);
	try {
		const report = JSON.parse(readFileSync('test-results/faults.json', 'utf8'));
		passed += report.numPassedTests;
		failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
	} catch {
		failed++;
	}
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
