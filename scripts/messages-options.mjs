// @ts-check
// How the message files in messages/ compile into src/lib/paraglide: one set of options for the
// Vite plugin (build, dev, Vitest) and for scripts/compile-messages.mjs (install, start, check).
export const messagesOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The server decides the language itself (src/lib/i18n/locale.ts) and hands it to the
	// runtime per request; in the browser the /ja prefix of the address says it.
	/** @type {Array<'url' | 'baseLocale'>} */
	strategy: ['url', 'baseLocale'],
	emitGitIgnore: true,
	emitPrettierIgnore: true,
	emitReadme: false
};
