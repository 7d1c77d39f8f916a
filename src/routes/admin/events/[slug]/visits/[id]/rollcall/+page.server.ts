import { requireEventAccess } from '$lib/server/events/access';
import { now } from '$lib/server/clock';
import { signLink } from '$lib/server/checkin/offline-seal';
import { requireRollCallVisit } from '$lib/server/checkin/visit-param';
import type { PageServerLoad } from './$types';

// The escort's roll call, usable offline: the page names the stops only; who travels comes
// sealed from ./list by a link signed for this session.
export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const { visit, stops } = await requireRollCallVisit(actor, event.id, request.params.id);
	return {
		event: { slug: event.slug },
		visit: { id: visit.id, title: visit.title },
		stops,
		listQuery: signLink(request.locals.session!.id, `visit:${visit.id}`, now().getTime())
	};
};
