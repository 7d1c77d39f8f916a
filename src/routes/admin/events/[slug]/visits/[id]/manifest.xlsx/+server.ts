import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { openVisitManifest } from '$lib/server/exports/visit-manifest';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	const manifest = await openVisitManifest(actor, event, request.params.id);
	if (!manifest) error(404, m.err_no_visit());
	return exportDownload(event.code, manifest, 'xlsx');
};
