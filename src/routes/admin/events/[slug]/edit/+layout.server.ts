import { requireEventAccess } from '$lib/server/events/access';
import type { LayoutServerLoad } from './$types';

// Every page under /edit is for organizers; each page load and action checks again.
export const load: LayoutServerLoad = async (request) => {
	await requireEventAccess(request, 'event.edit');
	return {};
};
