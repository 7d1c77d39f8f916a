import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { logisticsExport } from '$lib/server/exports/logistics';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	return exportDownload(event.code, await logisticsExport(actor, event, 'dietary'), 'xlsx');
};
