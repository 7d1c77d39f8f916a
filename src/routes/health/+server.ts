import { sql } from 'kysely';
import { db } from '$lib/server/db/database';
import type { RequestHandler } from './$types';

/** Liveness and database reachability, for load balancers and tests. */
export const GET: RequestHandler = async () => {
	try {
		await sql`select 1`.execute(db());
		return new Response('ok', { headers: { 'content-type': 'text/plain' } });
	} catch {
		return new Response('database unavailable', {
			status: 503,
			headers: { 'content-type': 'text/plain' }
		});
	}
};
