import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ownDelegationLetterCredential } from '$lib/server/delegations/delegation-documents.service';
import { focalPointOfRequest } from '$lib/server/delegations/focal-point-request';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import type { RequestHandler } from './$types';

// The signed credential of the delegation's letter of invitation, which /verify also accepts.
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.fp_err_no_letter());
	const context = await focalPointOfRequest({ params, locals });
	const credential = await orHttpError(() => ownDelegationLetterCredential(context, id));
	return fileResponse(
		{
			file_name: credential.fileName,
			content_type: 'application/vc+jwt',
			bytes: new TextEncoder().encode(credential.jws)
		},
		'attachment'
	);
};
