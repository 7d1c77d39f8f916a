import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ownDocumentPdf } from '$lib/server/documents/document-access.service';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { registration, event } = await requireOwnRegistration(request, 'GET');
	const id = Number(request.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.doc_err_no_document());
	return fileResponse(await orHttpError(() => ownDocumentPdf(registration, event, id)));
};
