import { fail } from '@sveltejs/kit';
import { DomainError, statusOf } from './errors.ts';

// A form action's answer to a DomainError: the message beside its field when it names one,
// otherwise above the form. Anything else is a bug and goes on to handleError.

/** `fail(4xx, { values, errors | message, ...extra })` for a DomainError; rethrows anything else. */
export function domainFailure(
	error: unknown,
	values?: Record<string, string>,
	extra: Record<string, unknown> = {}
) {
	if (!(error instanceof DomainError)) throw error;
	const errors = error.field ? { [error.field]: error.message } : undefined;
	return fail(statusOf(error), {
		...extra,
		values,
		errors,
		message: errors ? undefined : error.message
	});
}
