import { listUpcomingEvents } from '$lib/server/events/event-listing.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	events: await listUpcomingEvents(locals.locale ?? 'en')
});
