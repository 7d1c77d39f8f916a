import { requireEventAccess } from '$lib/server/events/access';
import { exportDownload } from '$lib/server/exports/download';
import { delegationBoardExport } from '$lib/server/exports/delegation-board';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'delegations.board');
	return exportDownload(event.code, await delegationBoardExport(actor, event), 'csv');
};
