import { error } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { openImportProblems } from '$lib/server/exports/import-problems';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'invitations.manage');
	const id = Number(request.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'No such upload');
	try {
		return exportDownload(event.code, await openImportProblems(actor, event, id), 'csv');
	} catch (e) {
		if (e instanceof DomainError) error(404, e.message);
		throw e;
	}
};
