import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload, orHttpError } from '$lib/server/exports/download';
import { openRegistrationsExport } from '$lib/server/exports/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor, role } = await requireEventAccess(request, 'view');
	const { data } = await orHttpError(() =>
		openRegistrationsExport(
			actor,
			role,
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
