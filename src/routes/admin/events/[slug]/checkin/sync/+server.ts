import { requireEventAccess } from '$lib/server/events/access';
import { checkinSyncSchema } from '$lib/schemas/offline-sync';
import { noStore, parseQueue } from '$lib/server/checkin/offline-endpoint';
import { syncCheckins } from '$lib/server/checkin/offline.service';
import type { RequestHandler } from './$types';

// A desk's queued check-ins; each answered once, whatever the number of replays.
export const POST: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const parsed = await parseQueue(request.request, checkinSyncSchema);
	if ('response' in parsed) return parsed.response;
	return noStore({ results: await syncCheckins(actor, event.id, parsed.data.items) });
};
