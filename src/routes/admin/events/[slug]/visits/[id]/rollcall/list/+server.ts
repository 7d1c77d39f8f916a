import { requireEventAccess } from '$lib/server/events/access';
import { noStore, requireSignedLink } from '$lib/server/checkin/offline-endpoint';
import { rollCallDownload } from '$lib/server/checkin/rollcall.service';
import { requireRollCallVisit } from '$lib/server/checkin/visit-param';
import type { RequestHandler } from './$types';

// Who is expected on the visit and the marks so far, sealed for this session.
export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const { visit } = await requireRollCallVisit(actor, event.id, request.params.id);
	requireSignedLink(request.locals, `visit:${visit.id}`, request.url);
	return noStore(await rollCallDownload(actor, request.locals.session!.id, event.id, visit.id));
};
