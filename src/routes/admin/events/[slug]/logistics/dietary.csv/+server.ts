import { requireEventAccess } from '$lib/server/events/access';
import { csvResponse, dietaryTable } from '$lib/server/logistics/logistics.csv';
import { dietaryAndAccess } from '$lib/server/logistics/logistics.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const { people } = await dietaryAndAccess(event.id);
	return csvResponse(`${event.code}-dietary-accessibility.csv`, dietaryTable(people));
};
