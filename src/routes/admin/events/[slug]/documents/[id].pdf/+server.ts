import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireEventAccess } from '$lib/server/events/access';
import { staffDocumentPdf } from '$lib/server/documents/document-access.service';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'documents.issue');
	const id = Number(request.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.doc_err_no_document());
	return fileResponse(await orHttpError(() => staffDocumentPdf(actor, event.id, id)));
};
