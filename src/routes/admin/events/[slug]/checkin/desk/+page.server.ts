import { inLanguage } from '$lib/domain/translations';
import { requireEventAccess } from '$lib/server/events/access';
import { now } from '$lib/server/clock';
import { signLink } from '$lib/server/checkin/offline-seal';
import { rollCallVisits } from '$lib/server/checkin/rollcall.service';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDate } from '$lib/time';
import type { PageServerLoad } from './$types';

// The desk that works offline. The page itself carries no one's name (the service worker keeps
// it for offline use): the list comes sealed from offline-list, by a link signed for this session.
export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const visits = await rollCallVisits(actor, event.id);
	const session = request.locals.session!;
	return {
		event: {
			id: event.id,
			slug: event.slug,
			title: inLanguage(event, 'title', getLocale()),
			code: event.code
		},
		listQuery: signLink(session.id, `event:${event.id}`, now().getTime()),
		visits: visits.map((v) => ({
			id: v.id,
			title: v.title,
			date: formatDate(v.departsAt, event.time_zone, {}, getLocale())
		}))
	};
};
