import { requireStaff } from '$lib/server/auth/guards';
import { listEventsOf } from '$lib/server/events/event-listing.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	return {
		events: await listEventsOf(actor, locals.locale ?? 'en'),
		deleted: url.searchParams.get('deleted') === '1'
	};
};
