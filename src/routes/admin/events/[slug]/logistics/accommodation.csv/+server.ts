import { requireEventAccess } from '$lib/server/events/access';
import { accommodationTable, csvResponse } from '$lib/server/logistics/logistics.csv';
import { accommodationList } from '$lib/server/logistics/logistics.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const { hotels, missing } = await accommodationList(event.id, event.time_zone);
	return csvResponse(`${event.code}-accommodation.csv`, accommodationTable(hotels, missing));
};
