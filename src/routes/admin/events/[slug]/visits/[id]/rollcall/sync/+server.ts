import { requireEventAccess } from '$lib/server/events/access';
import { rollCallSyncSchema } from '$lib/schemas/offline-sync';
import { noStore, parseQueue } from '$lib/server/checkin/offline-endpoint';
import { syncRollCall } from '$lib/server/checkin/rollcall.service';
import { requireRollCallVisit } from '$lib/server/checkin/visit-param';
import type { RequestHandler } from './$types';

// An escort's queued roll-call marks; a replayed mark is stored once.
export const POST: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const { visit } = await requireRollCallVisit(actor, event.id, request.params.id);
	const parsed = await parseQueue(request.request, rollCallSyncSchema);
	if ('response' in parsed) return parsed.response;
	return noStore({ results: await syncRollCall(actor, event.id, visit.id, parsed.data.items) });
};
