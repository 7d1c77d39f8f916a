import { sql, type Kysely } from 'kysely';

// Which worker is sending an outbox row: the backend pid of that worker's own long-lived
// connection (the one it LISTENs on). A row left in `sending` by a worker whose connection is
// gone (the process died) goes back to the queue at once; a row a live worker is still sending,
// however slowly, is never taken by another worker, so nobody gets a message twice.

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table emails add column locked_by integer`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table emails drop column locked_by`.execute(db);
}
