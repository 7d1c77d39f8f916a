import { error } from '@sveltejs/kit';
import { db } from '../db/database.ts';
import { isDomainError } from '../errors.ts';
import { focalPointFor, type FocalPointContext } from './delegation-page.service.ts';
import { setFocalPointLanguage } from './focal-point.repository.ts';

// The guard of every focal-point route: the link must be known (else 404) and the signed-in
// person must be its focal point (else 403), whatever the request asks for. A focal point who
// acts on their page in a language gets their next mails in it: it is remembered here.

export async function focalPointOfRequest(request: {
	params: { token?: string };
	locals: App.Locals;
}): Promise<FocalPointContext> {
	let context: FocalPointContext;
	try {
		context = await focalPointFor(request.params.token ?? '', request.locals.user?.id ?? null);
	} catch (e) {
		if (isDomainError(e, 'not_found')) error(404, e.message);
		if (isDomainError(e, 'forbidden')) error(403, e.message);
		throw e;
	}
	const language = request.locals.locale;
	if (language && language !== context.focalPoint.language) {
		await setFocalPointLanguage(db(), context.focalPoint.id, language);
		context.focalPoint = { ...context.focalPoint, language };
	}
	return context;
}
