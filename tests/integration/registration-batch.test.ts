import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Dietary } from '../../src/lib/server/db/schema.ts';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	registerBatch,
	type RegisterOutcome
} from '../../src/lib/server/registrations/registration-batch.ts';
import {
	registerWithin,
	type RegisterInput
} from '../../src/lib/server/registrations/registration.service.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// A rush's registrations for one event are decided together, in one transaction (group
// commit). What each person is told must be what they would be told deciding one by one, in
// the order they arrived.

const DAY = 86_400_000;
const day = (offset: number) => new Date(now().getTime() + offset * DAY).toISOString().slice(0, 10);

function futureEvent(overrides: Parameters<typeof makeEvent>[0] = {}) {
	return makeEvent({ starts_on: day(60), ends_on: day(62), ...overrides });
}

function person(
	eventId: number,
	delegationId: number,
	overrides: Partial<RegisterInput['values']> = {}
): RegisterInput {
	return {
		eventId,
		values: delegateValues(delegationId, overrides),
		submissionKey: submissionKey()
	};
}

function result(outcome: RegisterOutcome) {
	if (!outcome.ok) throw outcome.error;
	return outcome.result;
}

function failure(outcome: RegisterOutcome): unknown {
	expect(outcome.ok).toBe(false);
	return outcome.ok ? undefined : outcome.error;
}

async function state(eventId: number) {
	const event = await db()
		.selectFrom('events')
		.select('seats_taken')
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow();
	const registrations = await db()
		.selectFrom('registrations')
		.select(['id', 'email', 'status', 'reference', 'delegation_id'])
		.where('event_id', '=', eventId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const ids = registrations.map((r) => r.id);
	const mails = ids.length
		? await db()
				.selectFrom('emails')
				.select(['registration_id', 'template'])
				.where('registration_id', 'in', ids)
				.execute()
		: [];
	const audits = ids.length
		? await db()
				.selectFrom('audit_log')
				.select(['entity_id', 'action', 'diff'])
				.where('entity_type', '=', 'registration')
				.where('entity_id', 'in', ids.map(String))
				.execute()
		: [];
	return { seatsTaken: event.seats_taken, registrations, mails, audits };
}

describe('a batch of registrations for one event', () => {
	it('gives the last seat to the first in the batch and wait-lists the rest, in arrival order', async () => {
		const event = await futureEvent({ capacity: 1 });
		const th = await makeDelegation(event.id, 'TH');
		const batch = [person(event.id, th.id), person(event.id, th.id), person(event.id, th.id)];
		const outcomes = await registerBatch(batch);

		expect(outcomes.map((o) => result(o).status)).toEqual([
			'confirmed',
			'waitlisted',
			'waitlisted'
		]);
		// Numbers follow the order of the decisions, as they would one by one.
		expect(outcomes.map((o) => result(o).reference)).toEqual([
			`${event.code}-TH-001`,
			`${event.code}-TH-002`,
			`${event.code}-TH-003`
		]);
		const after = await state(event.id);
		expect(after.seatsTaken).toBe(1);
		// The waiting list's order (created_at, id) is the arrival order.
		expect(after.registrations.map((r) => r.email)).toEqual(batch.map((p) => p.values.email));
		expect(after.mails.map((m) => m.template).sort()).toEqual([
			'registration-confirmed',
			'registration-waitlisted',
			'registration-waitlisted'
		]);
		// Each with its own audit entry, written by the same statement as the registration.
		expect(after.audits).toHaveLength(3);
		expect(after.audits.every((a) => a.action === 'registration.create')).toBe(true);
		const delegation = await db()
			.selectFrom('delegations')
			.select(['seats_taken', 'next_number'])
			.where('id', '=', th.id)
			.executeTakeFirstOrThrow();
		expect(delegation).toEqual({ seats_taken: 1, next_number: 4 });
	});

	it('holds each delegation to its quota person by person', async () => {
		const event = await futureEvent({ capacity: 3 });
		const th = await makeDelegation(event.id, 'TH', { quota: 1 });
		const vn = await makeDelegation(event.id, 'VN', { quota: 2 });
		const outcomes = await registerBatch([
			person(event.id, th.id),
			person(event.id, th.id),
			person(event.id, vn.id),
			person(event.id, vn.id),
			person(event.id, vn.id)
		]);
		expect(outcomes.map((o) => result(o).status)).toEqual([
			'confirmed',
			'waitlisted',
			'confirmed',
			'confirmed',
			'waitlisted'
		]);
		expect((await state(event.id)).seatsTaken).toBe(3);
	});

	it('answers the others correctly when one person’s row fails', async () => {
		const event = await futureEvent({ capacity: 2 });
		const th = await makeDelegation(event.id, 'TH');
		const first = person(event.id, th.id);
		// A value the database refuses (its check constraint): the batch's insert fails as a whole.
		const broken = person(event.id, th.id, { dietary: 'raw-food' as Dietary });
		const third = person(event.id, th.id);
		const fourth = person(event.id, th.id);
		const outcomes = await registerBatch([first, broken, third, fourth]);

		expect(result(outcomes[0]).status).toBe('confirmed');
		const error = failure(outcomes[1]) as { code?: string };
		expect(error).not.toBeInstanceOf(DomainError);
		expect(error.code).toBe('23514');
		expect(result(outcomes[2]).status).toBe('confirmed');
		expect(result(outcomes[3]).status).toBe('waitlisted');

		const after = await state(event.id);
		expect(after.registrations.map((r) => r.email)).toEqual([
			first.values.email,
			third.values.email,
			fourth.values.email
		]);
		expect(after.seatsTaken).toBe(2);
		expect(after.mails).toHaveLength(3);
		expect(after.audits).toHaveLength(3);
	});

	it('refuses a repeated address and a foreign delegation without disturbing the rest', async () => {
		const event = await futureEvent({ capacity: 10 });
		const th = await makeDelegation(event.id, 'TH');
		const other = await futureEvent();
		const foreign = await makeDelegation(other.id, 'VN');
		const a = person(event.id, th.id);
		const sameAddress = person(event.id, th.id, { email: a.values.email });
		const wrongDelegation = person(event.id, foreign.id);
		const b = person(event.id, th.id);
		const outcomes = await registerBatch([a, sameAddress, wrongDelegation, b]);

		expect(result(outcomes[0]).status).toBe('confirmed');
		const repeated = failure(outcomes[1]) as DomainError;
		expect(repeated).toBeInstanceOf(DomainError);
		expect(repeated.field).toBe('email');
		expect((failure(outcomes[2]) as DomainError).field).toBe('delegationId');
		expect(result(outcomes[3]).reference).toBe(`${event.code}-TH-002`);
		expect((await state(event.id)).registrations).toHaveLength(2);
	});

	it('registers a form posted twice in one batch once, and tells both posts the same', async () => {
		const event = await futureEvent({ capacity: 10 });
		const th = await makeDelegation(event.id, 'TH');
		const a = person(event.id, th.id);
		const outcomes = await registerBatch([a, { ...a }, person(event.id, th.id)]);
		expect(result(outcomes[1])).toEqual({ ...result(outcomes[0]), duplicate: true });
		expect((await state(event.id)).registrations).toHaveLength(2);
		// And a later batch with the same form again is told of the same registration.
		const [again] = await registerBatch([{ ...a }, person(event.id, th.id)]);
		expect(result(again).reference).toBe(result(outcomes[0]).reference);
		expect(result(again).duplicate).toBe(true);
	});

	it('decides a person with their own rules at their place in the order', async () => {
		const event = await futureEvent({ capacity: 2 });
		const th = await makeDelegation(event.id, 'TH');
		// A head of delegation is decided by the full registration (it names the head) between
		// two plain registrations: the seats go in arrival order all the same.
		const outcomes = await registerBatch([
			person(event.id, th.id),
			person(event.id, th.id, { category: 'head_of_delegation' }),
			person(event.id, th.id)
		]);
		expect(outcomes.map((o) => result(o).status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
		expect(outcomes.map((o) => result(o).reference)).toEqual([
			`${event.code}-TH-001`,
			`${event.code}-TH-002`,
			`${event.code}-TH-003`
		]);
		const after = await state(event.id);
		expect(after.seatsTaken).toBe(2);
		expect(after.mails).toHaveLength(3);
		expect(after.audits).toHaveLength(3);
	});

	it('sends the statements of a registration as named statements, parsed once per connection', async () => {
		const event = await futureEvent({ capacity: 10 });
		const th = await makeDelegation(event.id, 'TH');
		await registerBatch([person(event.id, th.id), person(event.id, th.id)]);
		// Every pooled connection that ran the batch holds them; one connection, one transaction:
		const prepared = await db()
			.transaction()
			.execute(async (trx) => {
				await registerWithin(trx, person(event.id, th.id));
				const { rows } = await sql<{ statement: string }>`
					select statement from pg_prepared_statements where name like 'kaigi_%'
				`.execute(trx);
				return rows.map((r) => r.statement);
			});
		expect(prepared.some((s) => s.includes('insert into registrations'))).toBe(true);
		expect(prepared.some((s) => s.includes('insert into audit_log'))).toBe(true);
		expect(prepared.some((s) => s.includes('for update'))).toBe(true);
		expect(prepared.some((s) => s.includes('insert into emails'))).toBe(true);
	});

	it('counts each attempt of a batch against the limits, in order', async () => {
		const event = await futureEvent({ capacity: 10 });
		const th = await makeDelegation(event.id, 'TH');
		const values = delegateValues(th.id);
		// One address twelve times in one batch: ten attempts an hour are allowed.
		const batch = Array.from({ length: 12 }, () => ({
			eventId: event.id,
			values,
			submissionKey: submissionKey()
		}));
		const outcomes = await registerBatch(batch);
		const codes = outcomes.map((o) => (o.ok ? 'ok' : (o.error as DomainError).code));
		expect(codes).toEqual(['ok', ...Array(9).fill('conflict'), 'rate_limited', 'rate_limited']);
		// The next attempt alone is counted after the batch's twelve.
		const [next] = await registerBatch([{ ...batch[0], submissionKey: submissionKey() }]);
		expect((failure(next) as DomainError).code).toBe('rate_limited');
	});

	it('tells everyone in a batch that the event is closed', async () => {
		const event = await futureEvent({ capacity: 10, status: 'closed' });
		const th = await makeDelegation(event.id, 'TH');
		const outcomes = await registerBatch([person(event.id, th.id), person(event.id, th.id)]);
		for (const outcome of outcomes) expect(failure(outcome)).toBeInstanceOf(DomainError);
		expect((await state(event.id)).registrations).toHaveLength(0);
	});
});
