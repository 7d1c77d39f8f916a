import { requireEventAccess } from '$lib/server/events/access';
import { travelList } from '$lib/server/logistics/logistics.service';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	return { list: await travelList(actor, event.id, event.time_zone, 'arrival', getLocale()) };
};
