import { requireEventAccess } from '$lib/server/events/access';
import { download, fileName } from '$lib/server/exports/download';
import { listOfParticipants } from '$lib/server/exports/participants';
import { participantsPdf } from '$lib/server/exports/participants-pdf';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const list = await listOfParticipants(event);
	const body = participantsPdf(list, { code: event.code, timeZone: event.time_zone });
	return download(body, fileName(event.code, 'list-of-participants', 'pdf'), 'pdf', true);
};
