import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { letterFile } from '$lib/server/delegations/board.service';
import { requireEventAccess } from '$lib/server/events/access';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import type { RequestHandler } from './$types';

// A nomination letter, opened in the browser by the secretariat.
export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'delegations.board');
	const id = Number(request.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.dlg_err_no_letter());
	return fileResponse(await orHttpError(() => letterFile(actor, event.id, id)), 'inline');
};
