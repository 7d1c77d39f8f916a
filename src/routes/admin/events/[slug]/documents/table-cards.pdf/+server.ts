import { requireEventAccess } from '$lib/server/events/access';
import { tableCards } from '$lib/server/documents/table-cards.service';
import { fileResponse } from '$lib/server/files/file-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'documents.issue');
	const which = request.url.searchParams.get('which') === 'people' ? 'people' : 'delegations';
	const bytes = await tableCards(actor, event, which);
	return fileResponse({
		file_name: `${event.code}-table-cards-${which}.pdf`,
		content_type: 'application/pdf',
		bytes
	});
};
