import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ownLetter } from '$lib/server/delegations/delegation-page.service';
import { focalPointOfRequest } from '$lib/server/delegations/focal-point-request';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import type { RequestHandler } from './$types';

// The focal point opens a letter of their own delegation.
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.fp_err_no_letter());
	const context = await focalPointOfRequest({ params, locals });
	const file = await orHttpError(() => ownLetter(context, id));
	return fileResponse(file, 'inline');
};
