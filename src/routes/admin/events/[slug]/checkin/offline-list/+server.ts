import { requireEventAccess } from '$lib/server/events/access';
import { noStore, requireSignedLink } from '$lib/server/checkin/offline-endpoint';
import { offlineDeskList } from '$lib/server/checkin/offline.service';
import type { RequestHandler } from './$types';

// The desk's offline list, sealed for this session, by a signed link that expires in minutes.
export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	requireSignedLink(request.locals, `event:${event.id}`, request.url);
	return noStore(await offlineDeskList(actor, request.locals.session!.id, event.id));
};
