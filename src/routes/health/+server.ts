import { databaseReachable } from '$lib/server/http/health';
import type { RequestHandler } from './$types';

/** Liveness and database reachability, for load balancers and tests. */
export const GET: RequestHandler = async () => {
	if (await databaseReachable()) {
		return new Response('ok', { headers: { 'content-type': 'text/plain' } });
	}
	return new Response('database unavailable', {
		status: 503,
		headers: { 'content-type': 'text/plain' }
	});
};
