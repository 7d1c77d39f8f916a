import { eventAuditPage } from '$lib/server/audit/event-audit.service';
import { requireEventAccess } from '$lib/server/events/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.view');
	// Anything but a plain id starts at the newest entry.
	const raw = request.url.searchParams.get('before') ?? '';
	const before = /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : undefined;
	const { entries, nextBefore } = await eventAuditPage(actor, event, before);
	return { entries, nextBefore, paged: before !== undefined };
};
