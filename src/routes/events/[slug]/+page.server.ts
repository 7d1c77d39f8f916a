import { error } from '@sveltejs/kit';
import { findEventForVisitor, publicEventView } from '$lib/server/events/public-event.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const viewer = locals.user
		? {
				userId: locals.user.id,
				staff: locals.session?.staff ?? false,
				admin: locals.session?.admin ?? false
			}
		: null;
	const found = await findEventForVisitor(params.slug, viewer);
	if (!found) error(404, 'No such event');
	return { event: await publicEventView(found.event), preview: found.preview };
};
