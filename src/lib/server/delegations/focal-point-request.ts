import { error } from '@sveltejs/kit';
import { isDomainError } from '../errors.ts';
import { focalPointFor, type FocalPointContext } from './delegation-page.service.ts';

// The guard of every focal-point route: the link must be known (else 404) and the signed-in
// person must be its focal point (else 403), whatever the request asks for.

export async function focalPointOfRequest(request: {
	params: { token?: string };
	locals: App.Locals;
}): Promise<FocalPointContext> {
	try {
		return await focalPointFor(request.params.token ?? '', request.locals.user?.id ?? null);
	} catch (e) {
		if (isDomainError(e, 'not_found')) error(404, e.message);
		if (isDomainError(e, 'forbidden')) error(403, e.message);
		throw e;
	}
}
