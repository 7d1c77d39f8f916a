import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/actor';
import { findEventForVisitor, publicEventView } from '$lib/server/events/public-event.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await findEventForVisitor(params.slug, actorOf(locals));
	if (!found) error(404, m.err_no_event());
	return {
		event: await publicEventView(found.event, locals.locale ?? 'en'),
		preview: found.preview
	};
};
