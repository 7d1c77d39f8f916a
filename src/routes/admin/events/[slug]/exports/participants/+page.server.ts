import { requireEventAccess } from '$lib/server/events/access';
import { listOfParticipants } from '$lib/server/exports/participants';
import { now } from '$lib/server/clock';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	return {
		slug: event.slug,
		code: event.code,
		timeZone: event.time_zone,
		asOf: now(),
		list: await listOfParticipants(event)
	};
};
