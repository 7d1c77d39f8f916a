import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { openVisitManifest } from '$lib/server/exports/visit-manifest';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'view');
	const manifest = await openVisitManifest(event, request.params.id);
	if (!manifest) error(404, 'No such field visit');
	return exportDownload(event.code, manifest, 'xlsx');
};
