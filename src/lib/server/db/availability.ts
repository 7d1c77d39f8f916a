// Errors that mean "the database cannot be reached right now" rather than a bug.
const CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'57P01',
	'57P02',
	'57P03',
	'08000',
	'08001',
	'08003',
	'08006'
]);

/** True when an error means the database is down or the pool could not give a connection in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
	const e = error as { code?: string; message?: string } | undefined;
	if (!e) return false;
	if (e.code && CODES.has(e.code)) return true;
	const message = e.message ?? '';
	return (
		message.includes('timeout exceeded when trying to connect') ||
		message.includes('Connection terminated') ||
		message.includes('connect ECONNREFUSED')
	);
}
