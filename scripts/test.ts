// npm test — check, Vitest (unit + integration), timing tests, Playwright end to end, and the
// fault tests; ends with one line "N passed, N failed" over all of them.
import { spawn, spawnSync } from 'node:child_process';
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

type ReportSuite = {
	title: string;
	specs?: Array<{ title: string; tests: Array<{ status: string }> }>;
	suites?: ReportSuite[];
};

/** The tests of a Playwright JSON report that failed first and passed on their retry. */
function flakyTitles(suites: ReportSuite[]): string[] {
	return suites.flatMap((suite) => [
		...(suite.specs ?? [])
			.filter((spec) => spec.tests.some((t) => t.status === 'flaky'))
			.map((spec) => `${suite.title} › ${spec.title}`),
		...flakyTitles(suite.suites ?? [])
	]);
}

/**
 * The static checks in the background: the browser tests leave a core mostly idle. Their output
 * is kept and printed when they end, so it does not interleave with the tests'.
 */
function startCheck(): Promise<number> {
	return new Promise((resolve) => {
		const output: Buffer[] = [];
		const child = spawn('npm', ['run', '--silent', 'check'], { env });
		child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
		child.on('error', () => resolve(1));
		child.on('close', (code) => {
			console.log('\n=== check: npm run check (ran beside the browser tests)');
			process.stdout.write(Buffer.concat(output));
			resolve(code ?? 1);
		});
	});
}

async function finishCheck(check: Promise<number>) {
	if ((await check) === 0) passed++;
	else failed++;
}

if (!only || only === 'unit') vitest('vitest', null);

// Timing on 100 000 registrations, alone on the machine.
if (!only || only === 'perf') vitest('perf', 'vitest.perf.config.ts');

// The app is built first, so that nothing writes the build while the checks read the sources.
if (!only || only === 'e2e') {
	run('build', 'npx', ['vite', 'build', '--logLevel', 'warn'], { NODE_ENV: 'production' });
}
const check = !only || only === 'check' ? startCheck() : null;
if (only === 'check') await finishCheck(check!);

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
		for (const title of flakyTitles(report.suites ?? [])) console.log(`passed on retry: ${title}`);
	} catch {
		failed++;
	}
}

if (check && only !== 'check') await finishCheck(check);

// Servers and databases of their own: a killed server, a stopped database, a mail outage.
if (!only || only === 'faults') vitest('faults', 'vitest.faults.config.ts');

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
