import { redirect } from '@sveltejs/kit';
import { eventDashboard } from '$lib/server/dashboard/dashboard.service';
import { delegationsPanel } from '$lib/server/delegations/board.service';
import { formatDateTime } from '$lib/time';
import { allows, requireEventAccess } from '$lib/server/events/access';
import { choiceQuestions } from '$lib/server/questions/question.service';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	// The dashboard needs 'registrations.view'. A check-in desk account (which has only 'checkin') lands here
	// from the event list: send it to its page rather than to a 403.
	const { event, actor, role } = await requireEventAccess(request, 'checkin');
	if (!allows(role, 'registrations.view')) redirect(303, `/admin/events/${event.slug}/checkin`);
	const [dashboard, delegations, choices] = await Promise.all([
		eventDashboard(actor, event),
		delegationsPanel(actor, event),
		choiceQuestions(actor, event.id)
	]);
	return {
		dashboard,
		choices,
		delegations: delegations && {
			...delegations,
			deadline: delegations.deadline
				? formatDateTime(delegations.deadline, event.time_zone, true, getLocale())
				: null
		}
	};
};
