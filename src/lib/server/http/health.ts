import { sql } from 'kysely';
import { db } from '../db/database.ts';

/** True when the database answers a trivial query (for load balancers and the health check). */
export async function databaseReachable(): Promise<boolean> {
	try {
		await sql`select 1`.execute(db());
		return true;
	} catch {
		return false;
	}
}
