import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/database';
import { findEventBySlug } from '$lib/server/events/event.repository';
import { findRegistrationBySubmission } from '$lib/server/registrations/registration.service';
import { rememberedSubmission } from '$lib/server/registrations/submission-cookie';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, url }) => {
	const event = await findEventBySlug(db(), params.slug);
	if (!event || event.status === 'draft') error(404, 'No such event');
	const key = rememberedSubmission(cookies);
	const found = key ? await findRegistrationBySubmission(event.id, key) : null;
	return {
		visitsLater: url.searchParams.get('visits') === 'later',
		event: { slug: event.slug, title: event.title, contactEmail: event.contact_email },
		registration: found
			? {
					reference: found.registration.reference,
					status: found.registration.status,
					email: found.registration.email,
					name: found.registration.badge_name,
					delegation: found.delegation.name
				}
			: null
	};
};
