import { requireEventAccess } from '$lib/server/events/access';
import { csvResponse, travelTable } from '$lib/server/logistics/logistics.csv';
import { travelList } from '$lib/server/logistics/logistics.service';
import { zoneLabel } from '$lib/time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const list = await travelList(event.id, event.time_zone, 'departure');
	return csvResponse(`${event.code}-departures.csv`, travelTable(list, zoneLabel(event.time_zone)));
};
