import { inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { allows, requireEventAccess } from '$lib/server/events/access';
import { eventVisits } from '$lib/server/visits/visit-admin.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, role, actor } = await requireEventAccess(request, 'registrations.view');
	const visits = await eventVisits(actor, event.id);
	return {
		canManage: allows(role, 'event.edit'),
		visits: visits.map((v) => ({
			id: v.id,
			title: inLanguage(v, 'title', getLocale()),
			departsAt: v.departs_at,
			returnsAt: v.returns_at,
			meetingPoint: inLanguage(v, 'meeting_point', getLocale()),
			transport: v.transport,
			seats: v.seats,
			seatsTaken: v.seats_taken,
			waitlisted: v.waitlisted,
			status: v.status,
			openToAll: v.eligible_categories === null
		}))
	};
};
