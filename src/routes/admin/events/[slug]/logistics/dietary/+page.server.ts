import { requireEventAccess } from '$lib/server/events/access';
import { dietaryAndAccess } from '$lib/server/logistics/logistics.service';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	const { total, counts, accessCount, meals, access } = await dietaryAndAccess(
		actor,
		event.id,
		getLocale()
	);
	return { total, counts, accessCount, meals, access };
};
