import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { openInvitationTemplate } from '$lib/server/exports/invitation-template';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'invitations.manage');
	return exportDownload(event.code, await openInvitationTemplate(actor, event), 'csv');
};
