import { requireEventAccess } from '$lib/server/events/access';
import { badgesPdf } from '$lib/server/exports/badges-pdf';
import { download, fileName } from '$lib/server/exports/download';
import { orHttpError } from '$lib/server/http/http-error';
import { badgeFilter } from '$lib/server/exports/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const filter = await orHttpError(() => badgeFilter(event, request.url.searchParams));
	return download(badgesPdf(event, filter), fileName(event.code, 'badges', 'pdf'), 'pdf', true);
};
