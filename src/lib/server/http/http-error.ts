import { error } from '@sveltejs/kit';
import { DomainError, statusOf } from '../errors.ts';

/**
 * Runs a service for a page load or an endpoint: a DomainError (an unknown upload, bad export
 * parameters) becomes the HTTP error page it stands for; anything else is a bug for handleError.
 */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof DomainError) error(statusOf(e), e.message);
		throw e;
	}
}
