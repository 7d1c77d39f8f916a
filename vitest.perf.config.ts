import { defineConfig } from 'vitest/config';

// Timing tests (100 000 registrations): run alone, one file at a time, after the other suites,
// so that their figures are not the noise of parallel test files.
export default defineConfig({
	test: {
		include: ['tests/perf/**/*.test.ts'],
		globalSetup: ['tests/helpers/global-setup.ts'],
		setupFiles: ['tests/helpers/file-setup.ts'],
		testTimeout: 600_000,
		hookTimeout: 600_000,
		fileParallelism: false
	}
});
