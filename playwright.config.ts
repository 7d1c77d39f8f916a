import { defineConfig, devices } from '@playwright/test';

// The built app on its own database and mail catcher (tests/e2e/server.ts), with ORIGIN equal
// to baseURL: adapter-node compares them for every form POST.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	// In CI one retry, so a test that fails once for the machine's load (a shared 2-core runner)
	// does not hide the rest; the run names every test that needed it (scripts/test.ts).
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]]
		: 'list',
	use: {
		baseURL,
		trace: 'off',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		command: 'node tests/e2e/server.ts',
		url: `${baseURL}/health`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			E2E_PORT: String(port),
			ORIGIN: baseURL,
			// Another address of this machine, accepted as `npm start` without ORIGIN accepts its own.
			TRUSTED_ORIGINS: `http://localhost:${port}`
		}
	}
});
