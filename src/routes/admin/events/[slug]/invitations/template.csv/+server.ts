import { requireEventAccess } from '$lib/server/events/access';
import { eventDelegations } from '$lib/server/events/delegation.service';
import { templateCsv } from '$lib/server/invitations/csv-import';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'invitations.manage');
	const [first] = await eventDelegations(event.id);
	return new Response(templateCsv({ delegation: first?.code ?? 'TH' }), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="invitations-${event.slug}.csv"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
