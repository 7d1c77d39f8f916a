import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ownCredential } from '$lib/server/documents/document-access.service';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import type { RequestHandler } from './$types';

// The signed credential of a document (a W3C Verifiable Credential as a compact JWS), which
// /verify accepts as well as the code.
export const GET: RequestHandler = async (request) => {
	const { registration, event } = await requireOwnRegistration(request, 'GET');
	const id = Number(request.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.doc_err_no_document());
	const credential = await orHttpError(() => ownCredential(registration, event, id));
	return fileResponse(
		{
			file_name: credential.fileName,
			content_type: 'application/vc+jwt',
			bytes: new TextEncoder().encode(credential.jws)
		},
		'attachment'
	);
};
