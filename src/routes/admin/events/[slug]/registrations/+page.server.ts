import { allows, requireEventAccess } from '$lib/server/events/access';
import { attendeeList } from '$lib/server/attendees/attendee.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, role } = await requireEventAccess(request, 'view');
	const started = performance.now();
	const list = await attendeeList(event.id, request.url.searchParams);
	const ms = performance.now() - started;
	// Server time of the list, for the bench and the browser's network panel.
	request.setHeaders({ 'server-timing': `attendees;dur=${ms.toFixed(1)}` });
	return {
		...list,
		delegations: list.delegations.map((d) => ({ id: d.id, code: d.code, name: d.name })),
		visits: list.visits.map((v) => ({ id: v.id, title: v.title })),
		canDecide: allows(role, 'manage')
	};
};
