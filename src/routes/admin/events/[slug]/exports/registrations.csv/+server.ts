import { requireEventAccess } from '$lib/server/events/access';
import { renderCsv } from '$lib/server/exports/csv';
import { download, fileName, orHttpError } from '$lib/server/exports/download';
import { openRegistrationsExport } from '$lib/server/exports/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor, role } = await requireEventAccess(request, 'exports');
	const { data, preset, passport } = await orHttpError(() =>
		openRegistrationsExport(
			actor,
			role,
			event,
			{
				params: request.url.searchParams,
				fetchSite: request.request.headers.get('sec-fetch-site')
			},
			'csv'
		)
	);
	const what = `registrations-${preset}${passport ? '-passport' : ''}`;
	return download(renderCsv(data), fileName(event.code, what, 'csv'), 'csv');
};
