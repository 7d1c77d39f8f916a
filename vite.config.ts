import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { messagesOptions } from './scripts/messages-options.mjs';

export default defineConfig({
	// Builds and `vite dev` recompile the messages; Vitest's projects would each write them at
	// once, so tests use what `npm install` (scripts/compile-messages.mjs) compiled.
	plugins: [...(process.env.VITEST ? [] : [paraglideVitePlugin(messagesOptions)]), sveltekit()],
	// The bundler's "callbacks took N s" report is about the build machine, not the app.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2,
		// Unit tests need no database; integration tests each get their own, cloned from a
		// migrated template (global-setup.ts, file-setup.ts).
		projects: [
			{ test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/helpers/global-setup.ts'],
					setupFiles: ['tests/helpers/file-setup.ts']
				}
			}
		]
	}
});
