import { json } from '@sveltejs/kit';
import { checkinCounts } from '$lib/server/checkin/checkin.service';
import { requireEventAccess } from '$lib/server/events/access';
import type { RequestHandler } from './$types';

// The desk's counter refreshes itself from here, so several desks see each other's check-ins.
export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	return json(await checkinCounts(actor, event.id), { headers: { 'cache-control': 'no-store' } });
};
