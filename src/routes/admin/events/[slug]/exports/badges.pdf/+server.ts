import { inOfficialLanguage } from '$lib/domain/translations';
import { requireEventAccess } from '$lib/server/events/access';
import { badgesPdf } from '$lib/server/exports/badges-pdf';
import { download, fileName } from '$lib/server/exports/download';
import { orHttpError } from '$lib/server/http/http-error';
import { badgeFilter } from '$lib/server/exports/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const filter = await orHttpError(() => badgeFilter(event, request.url.searchParams));
	// The event's title as printed on badges: in its official language.
	return download(
		badgesPdf(inOfficialLanguage(event), filter),
		fileName(event.code, 'badges', 'pdf'),
		'pdf',
		true
	);
};
