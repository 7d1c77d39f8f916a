// The true floor of a registration: the statements one registration sends, straight through
// `pg` with no app logic — same schema, same lock, the same counters, inserts and outbox row, in
// the same order and one transaction — by as many concurrent callers on a pool of the same size.
// What is left between this and the service floor is Kysely, the rules, mail rendering and the
// queue; what is left between it and the hardware is PostgreSQL itself.
import pg from 'pg';
import type { BenchEvent } from './data.ts';
import { summarise } from './load.ts';
import { delegationIndex } from './rush.ts';

export type TrueFloorRun = {
	submissions: number;
	seconds: number;
	registrationsPerSecond: number;
	created: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	errors: number;
};

// A confirmation of the size Kaigi's templates write (about 1 KB of text, 6 KB of HTML).
const TEXT = 'Dear Ms. NGUYỄN Thị Minh,\n\n' + 'Thank you for registering. '.repeat(40);
const HTML = `<!doctype html><html lang="en"><body>${'<p style="margin:0;padding:6px">Thank you for registering.</p>'.repeat(90)}</body></html>`;

const LOCK = `select e.*, d.id as d_id, d.code as d_code, d.quota as d_quota,
	d.seats_taken as d_seats_taken, d.next_number as d_next_number
	from events as e inner join delegations as d on d.event_id = e.id and d.id = $1
	where e.id = $2 for update`;

const INSERT = (seat: boolean) => `with numbered as (
		update delegations set next_number = next_number + 1, seats_taken = seats_taken + $1
		where id = $2
	)${seat ? ', seated as (update events set seats_taken = seats_taken + 1 where id = $7)' : ''}
	insert into registrations (honorific, given_name, family_name, badge_name, position,
		organisation, delegation_id, category, email, phone, nationality, dietary,
		consent_data_processing, event_id, user_id, reference, status, submission_key,
		entered_by_kind, created_at, updated_at, status_changed_at)
	values ('Ms.', 'Thị Minh', $3, $4, 'Director', 'Ministry of Labour', $5, 'delegate', $6,
		'+84 24 3826 9534', 'VN', 'none', true, $7, $8, $9, $10, $11,
		'self', $12, $13, $14)
	returning *`;

/** One registration's statements, in the service's order, in one transaction. */
async function registerOnce(pool: pg.Pool, event: BenchEvent, i: number, label: string) {
	const delegation = event.delegations[delegationIndex(i, event.delegations.length)];
	const email = `true-${label}-${i}@delegates.bench.example`;
	const key = `bench-true-${label}-${String(i).padStart(6, '0')}`;
	const client = await pool.connect();
	try {
		await client.query('begin');
		const user = await client.query(
			`insert into users (email, display_name) values ($1, $2) on conflict (email) do nothing returning id`,
			[email, 'NGUYỄN Thị Minh']
		);
		await client.query(
			`select id, reference, status, submission_key from registrations
			 where event_id = $1 and (submission_key = $2 or (email = $3 and status not in ($4, $5)))`,
			[event.id, key, email, 'cancelled', 'declined']
		);
		await client.query(`select * from programme_items where event_id = $1 order by starts_at, id`, [
			event.id
		]);
		const locked = (await client.query(LOCK, [delegation.id, event.id])).rows[0];
		const seat =
			(locked.capacity === null || locked.seats_taken < locked.capacity) &&
			(locked.d_quota === null || locked.d_seats_taken < locked.d_quota);
		const at = new Date();
		const reference = `${event.code}-${locked.d_code}-${String(locked.d_next_number).padStart(3, '0')}`;
		const values: unknown[] = [
			seat ? 1 : 0,
			delegation.id,
			`Nguyễn ${i}`,
			`Nguyễn Thị Minh ${i}`,
			delegation.id,
			email,
			event.id,
			user.rows[0].id,
			reference,
			seat ? 'confirmed' : 'waitlisted',
			key,
			at,
			at,
			at
		];
		const registration = (await client.query(INSERT(seat), values)).rows[0];
		await client.query(
			`insert into audit_log (at, actor_user_id, action, entity_type, entity_id, event_id, diff)
			 values ($1, $2, 'registration.create', 'registration', $3, $4, $5)`,
			[
				at,
				user.rows[0].id,
				String(registration.id),
				event.id,
				JSON.stringify({ reference, status: registration.status, delegation: locked.d_code })
			]
		);
		await client.query(
			`with inserted as (
				insert into emails (dedupe_key, recipient, template, subject, text_body, html_body,
					attachments, next_attempt_at, event_id, registration_id, created_at)
				values ($1, $2, $3, $4, $5, $6, '[]'::jsonb, $7, $8, $9, $7)
				on conflict (dedupe_key) do nothing returning dedupe_key
			)
			select case when count(*) > 0 then pg_notify('kaigi_outbox', '') end from inserted`,
			[
				`registration-${registration.id}-${registration.status}-v1`,
				email,
				`registration-${registration.status}`,
				`Registration ${registration.status}: ${reference}`,
				TEXT,
				HTML,
				at,
				event.id,
				registration.id
			]
		);
		await client.query('commit');
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

/** `concurrency` callers share `submissions` registrations through a pool of `poolSize`. */
export async function runTrueFloor(options: {
	url: string;
	event: BenchEvent;
	submissions: number;
	concurrency: number;
	poolSize: number;
	label?: string;
}): Promise<TrueFloorRun> {
	const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize });
	const times: number[] = [];
	let errors = 0;
	let next = 0;
	const started = performance.now();
	try {
		const caller = async () => {
			for (let i = next++; i < options.submissions; i = next++) {
				const t = performance.now();
				try {
					await registerOnce(pool, options.event, i, options.label ?? 'run');
				} catch {
					errors++;
				}
				times.push(performance.now() - t);
			}
		};
		await Promise.all(Array.from({ length: options.concurrency }, caller));
	} finally {
		await pool.end();
	}
	const seconds = (performance.now() - started) / 1000;
	const stats = summarise(times, seconds);
	const created = options.submissions - errors;
	return {
		submissions: options.submissions,
		seconds,
		registrationsPerSecond: created / seconds,
		created,
		p50Ms: stats.p50Ms,
		p95Ms: stats.p95Ms,
		p99Ms: stats.p99Ms,
		maxMs: stats.maxMs,
		errors
	};
}
