import { allows, requireEventAccess } from '$lib/server/events/access';
import { inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (request) => {
	const { event, role } = await requireEventAccess(request, 'checkin');
	return {
		event: {
			id: event.id,
			slug: event.slug,
			code: event.code,
			// As the staff member reads: the title written in their language, else the English.
			title: inLanguage(event, 'title', getLocale()),
			status: event.status,
			timeZone: event.time_zone,
			startsOn: event.starts_on,
			endsOn: event.ends_on,
			registrationMode: event.registration_mode
		},
		role,
		can: {
			manage: allows(role, 'event.edit'),
			view: allows(role, 'registrations.view'),
			delegations: allows(role, 'delegations.board'),
			checkin: allows(role, 'checkin')
		}
	};
};
