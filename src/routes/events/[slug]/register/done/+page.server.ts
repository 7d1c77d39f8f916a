import { delegationNameIn, inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { eventForRegistration } from '$lib/server/registrations/register-flow';
import { findRegistrationBySubmission } from '$lib/server/registrations/registration.service';
import { rememberedSubmission } from '$lib/server/registrations/submission-cookie';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, url }) => {
	const event = await eventForRegistration(params.slug);
	const key = rememberedSubmission(cookies);
	const found = key ? await findRegistrationBySubmission(event.id, key) : null;
	return {
		visitsLater: url.searchParams.get('visits') === 'later',
		event: {
			slug: event.slug,
			title: inLanguage(event, 'title', getLocale()),
			contactEmail: event.contact_email
		},
		registration: found
			? {
					reference: found.registration.reference,
					status: found.registration.status,
					email: found.registration.email,
					name: found.registration.badge_name,
					delegation: delegationNameIn(found.delegation, getLocale())
				}
			: null
	};
};
