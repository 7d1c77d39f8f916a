import { allows, requireEventAccess } from '$lib/server/events/access';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (request) => {
	const { event, role } = await requireEventAccess(request, 'checkin');
	return {
		event: {
			id: event.id,
			slug: event.slug,
			code: event.code,
			title: event.title,
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
