import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload, orHttpError } from '$lib/server/exports/download';
import { openRegistrationsExport } from '$lib/server/exports/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	const { data } = await orHttpError(() =>
		openRegistrationsExport(
			actor,
			event,
			{
				params: request.url.searchParams,
				fetchSite: request.request.headers.get('sec-fetch-site')
			},
			'xlsx'
		)
	);
	return exportDownload(event.code, data, 'xlsx');
};
