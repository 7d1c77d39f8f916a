// Errors a user can cause: expected, shown to them in plain words, never a 500.

export type DomainErrorCode =
	'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'rate_limited' | 'stale' | 'closed' | 'full';

export class DomainError extends Error {
	readonly code: DomainErrorCode;
	readonly field: string | undefined;
	constructor(code: DomainErrorCode, message: string, field?: string) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.field = field;
	}
}

/** HTTP status for a DomainError code. */
export function statusOf(error: DomainError): 400 | 403 | 404 | 409 | 429 {
	switch (error.code) {
		case 'not_found':
			return 404;
		case 'forbidden':
			return 403;
		case 'rate_limited':
			return 429;
		case 'conflict':
		case 'stale':
		case 'full':
		case 'closed':
			return 409;
		default:
			return 400;
	}
}

/** True for a PostgreSQL unique violation, optionally on a named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	const e = error as { code?: string; constraint?: string };
	return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** True when a caught error is a DomainError (with this code, when one is given). */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
	return error instanceof DomainError && (code === undefined || error.code === code);
}
