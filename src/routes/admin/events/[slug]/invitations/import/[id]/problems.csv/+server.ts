import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { openImportProblems } from '$lib/server/exports/import-problems';
import { orHttpError } from '$lib/server/http/http-error';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'invitations.manage');
	const id = Number(request.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.err_no_upload());
	const problems = await orHttpError(() => openImportProblems(actor, event, id));
	return exportDownload(event.code, problems, 'csv');
};
