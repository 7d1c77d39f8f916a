import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { delegateValues } from '../helpers/registration-input.ts';

// The small, fast version of `npm run bench`'s registration rush: many delegates at once for
// few seats. Nobody may get a seat that does not exist, in the event or in a delegation.

describe('registration rush', () => {
	it('200 simultaneous registrations for 30 seats: never oversold, every quota held', async () => {
		const event = await makeEvent({ capacity: 30 });
		// Quotas add up to more than the capacity, so both limits decide; demand is uneven, so
		// the popular delegations run out of quota while the event still has seats.
		const delegations = await Promise.all(
			['TH', 'VN', 'ID', 'PH', 'JP'].map((code) => makeDelegation(event.id, code, { quota: 8 }))
		);
		const share = [90, 50, 30, 20, 10];
		// Interleaved as they would arrive: each delegation spread evenly over the rush.
		const submissions = share
			.flatMap((count, d) =>
				Array.from({ length: count }, (_, k) => ({ at: (k + 0.5) / count, id: delegations[d].id }))
			)
			.sort((a, b) => a.at - b.at)
			.map((s) => s.id);

		const outcomes = await Promise.allSettled(
			submissions.map((delegationId, i) =>
				registerDelegate({
					eventId: event.id,
					values: delegateValues(delegationId),
					submissionKey: `rush-${i}`
				})
			)
		);
		const failures = outcomes.filter((o) => o.status === 'rejected');
		expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);

		const { rows } = await sql<{
			code: string;
			quota: number;
			seats_taken: number;
			confirmed: number;
			waitlisted: number;
		}>`
			select d.code, d.quota, d.seats_taken,
				count(r.id) filter (where r.status = 'confirmed')::int as confirmed,
				count(r.id) filter (where r.status = 'waitlisted')::int as waitlisted
			from delegations as d left join registrations as r on r.delegation_id = d.id
			where d.event_id = ${event.id} group by d.id order by d.code
		`.execute(db());
		const confirmed = rows.reduce((sum, r) => sum + r.confirmed, 0);
		const waitlisted = rows.reduce((sum, r) => sum + r.waitlisted, 0);
		const after = await db()
			.selectFrom('events')
			.select('seats_taken')
			.where('id', '=', event.id)
			.executeTakeFirstOrThrow();

		expect(confirmed).toBe(30);
		expect(waitlisted).toBe(170);
		expect(after.seats_taken).toBe(30);
		for (const row of rows) {
			expect(row.confirmed, `${row.code} within its quota`).toBeLessThanOrEqual(row.quota);
			expect(row.seats_taken, `${row.code} counter matches its seats`).toBe(row.confirmed);
		}
		// The most wanted delegation was stopped by its quota, not by the event's capacity.
		expect(rows.find((r) => r.code === 'TH')?.confirmed).toBe(8);
	});
});
