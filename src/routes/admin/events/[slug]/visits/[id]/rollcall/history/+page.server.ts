import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { isDomainError } from '$lib/server/errors';
import { rollCallHistory } from '$lib/server/checkin/rollcall.service';
import { visitIdOf } from '$lib/server/checkin/visit-param';
import { formatTime } from '$lib/time';
import type { PageServerLoad } from './$types';

// Everything the escorts marked on a visit, in order, for the organizer.
export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.view');
	const visitId = visitIdOf(request.params.id);
	try {
		const history = await rollCallHistory(actor, event.id, visitId);
		return {
			event: { slug: event.slug },
			visit: history.visit,
			travelled: history.travelled.length,
			marks: history.marks.map((m) => ({
				...m,
				markedAt: formatTime(m.markedAt, event.time_zone),
				syncedAt: formatTime(m.syncedAt, event.time_zone)
			}))
		};
	} catch (e) {
		if (isDomainError(e, 'not_found')) error(404, m.err_no_visit());
		throw e;
	}
};
