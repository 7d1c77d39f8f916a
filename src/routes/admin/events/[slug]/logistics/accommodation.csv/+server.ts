import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { logisticsExport } from '$lib/server/exports/logistics';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'view');
	return exportDownload(event.code, await logisticsExport(event, 'accommodation'), 'csv');
};
