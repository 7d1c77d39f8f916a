import { defineConfig } from 'vitest/config';

// Fault tests start real servers and databases of their own; run one file at a time.
export default defineConfig({
	test: {
		include: ['tests/faults/**/*.test.ts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		fileParallelism: false
	}
});
