// Error descriptions for logs that carry no personal data (DESIGN §8): logs are kept longer and
// read by more people than the database. What reaches a log is the error's class, its code, its
// message with anything that looks like an e-mail address or a quoted value masked, and its
// stack frames; never a request body, a PostgreSQL `detail` (which quotes the row) or a `cause`.

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]{2,}/g;
// `invalid input syntax for type date: "1990-13-45"`, `…: 'value'` — a value quoted after a colon.
const QUOTED_VALUE = /: (["'])[^\n]*?\1/g;

/** Masks e-mail addresses and quoted values in a line of text meant for a log. */
export function redactForLog(text: string): string {
	return text.replace(EMAIL, '[e-mail]').replace(QUOTED_VALUE, ': [value]');
}

/** One log entry for an unexpected error: class, code, masked message, stack frames. */
export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return redactForLog(String(error)).slice(0, 500);
	const code = (error as { code?: unknown }).code;
	const head = typeof code === 'string' ? `${error.name} ${code}` : error.name;
	// PostgreSQL's data exceptions (SQLSTATE class 22) quote the offending value in any form.
	const message =
		typeof code === 'string' && code.startsWith('22')
			? '(message withheld: it may quote a submitted value)'
			: redactForLog(error.message).slice(0, 500);
	const frames = (error.stack ?? '')
		.split('\n')
		.filter((line) => /^\s+at /.test(line))
		.slice(0, 15)
		.join('\n');
	return frames ? `${head}: ${message}\n${frames}` : `${head}: ${message}`;
}
