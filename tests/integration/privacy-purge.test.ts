import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAudit } from '../../src/lib/server/audit/audit.repository.ts';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { decryptVisaData, encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import { startPurgeSchedule } from '../../src/lib/server/privacy/purge.schedule.ts';
import { purgeExpiredEvents } from '../../src/lib/server/privacy/purge.service.ts';
import { makeDelegation, makeEvent, makeRegistration } from '../helpers/factories.ts';

// The retention purge: after an event's last day plus its retention period, the optional
// personal data of its registrations is erased, the counts stay true, and the audit log says so
// without naming anyone. Driven by the clock.

afterEach(() => setNow(undefined));

const PASSPORT = {
	passportNumber: 'P7712345',
	passportExpiry: '2031-05-01',
	dateOfBirth: '1971-03-09'
};

async function eventWithPeople(code: string, endsOn: string, retentionDays: number) {
	const event = await makeEvent({
		code,
		starts_on: endsOn,
		ends_on: endsOn,
		status: 'archived',
		collect_visa_support: true
	});
	await db()
		.updateTable('events')
		.set({ retention_days: retentionDays })
		.where('id', '=', event.id)
		.execute();
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const people = [
		await makeRegistration(event, th, {
			family_name: `Srisuk${code}`,
			dietary: 'halal',
			status: 'confirmed'
		}),
		await makeRegistration(event, th, {
			family_name: `Chaiyo${code}`,
			dietary: 'vegetarian',
			status: 'cancelled'
		}),
		await makeRegistration(event, vn, {
			family_name: `Nguyen${code}`,
			dietary: 'other',
			status: 'confirmed',
			category: 'head_of_delegation'
		})
	];
	for (const person of people) {
		await db()
			.updateTable('registrations')
			.set({
				visa_data_enc: encryptVisaData(PASSPORT),
				nationality: 'TH',
				native_name: 'สมชาย',
				phone: '+66 2 123 4567',
				emergency_contact: 'Somsri, +66 81 234 5678',
				dietary_notes: 'No shellfish',
				accessibility_needs: 'Wheelchair access',
				arrival_at: new Date(`${endsOn}T01:00:00Z`),
				arrival_flight: 'TG660',
				arrival_airport: 'HND',
				departure_at: new Date(`${endsOn}T12:00:00Z`),
				departure_flight: 'TG661',
				departure_airport: 'HND',
				accommodation: 'Hotel Okura, room 1204',
				calendar_token_hash: Buffer.from(`token-${person.id}`)
			})
			.where('id', '=', person.id)
			.execute();
		// An edit the delegate made, as the audit log records it.
		await writeAudit(db(), {
			actorUserId: person.user_id,
			action: 'registration.update',
			entityType: 'registration',
			entityId: person.id,
			eventId: event.id,
			diff: {
				phone: { from: '+66 2 000 0000', to: '+66 2 123 4567' },
				position: { from: 'A', to: 'B' }
			}
		});
	}
	return { event, people };
}

const registrationsOf = (eventId: number) =>
	db()
		.selectFrom('registrations')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('id')
		.execute();

const summary = async (eventId: number) => ({
	event: await db()
		.selectFrom('events')
		.select(['seats_taken', 'purged_at'])
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow(),
	delegations: await db()
		.selectFrom('delegations')
		.select(['code', 'seats_taken', 'next_number'])
		.where('event_id', '=', eventId)
		.orderBy('code')
		.execute(),
	rows: (await registrationsOf(eventId)).map((r) => [
		r.reference,
		r.status,
		r.category,
		r.dietary,
		r.delegation_id,
		r.family_name,
		r.email,
		r.badge_name,
		r.position,
		r.organisation
	])
});

describe('retention purge', () => {
	it('erases optional personal data once the retention period has passed, and keeps the counts', async () => {
		// Ended 10 June 2026 in Tokyo, kept 180 days: purged from 8 December 2026, Tokyo time.
		const due = await eventWithPeople('PURGEA', '2026-06-10', 180);
		const later = await eventWithPeople('PURGEB', '2026-11-20', 180);
		const longer = await eventWithPeople('PURGEC', '2026-06-10', 365);
		const before = await summary(due.event.id);

		setNow(new Date('2026-12-07T14:59:00Z')); // 23:59 on 7 December in Tokyo
		expect((await purgeExpiredEvents()).map((e) => e.code)).not.toContain('PURGEA');
		expect((await registrationsOf(due.event.id))[0].visa_data_enc).not.toBeNull();

		setNow(new Date('2026-12-07T15:00:00Z')); // midnight, 8 December in Tokyo
		expect(await purgeExpiredEvents({ dryRun: true })).toEqual([
			expect.objectContaining({ code: 'PURGEA', registrations: 3, passports: 3 })
		]);
		expect((await registrationsOf(due.event.id))[0].phone).toBe('+66 2 123 4567');
		const purged = await purgeExpiredEvents();
		expect(purged).toEqual([
			{
				eventId: due.event.id,
				code: 'PURGEA',
				title: due.event.title,
				endedOn: '2026-06-10',
				retentionDays: 180,
				registrations: 3,
				passports: 3
			}
		]);

		for (const r of await registrationsOf(due.event.id)) {
			expect(r).toMatchObject({
				visa_data_enc: null,
				nationality: null,
				native_name: null,
				phone: '',
				emergency_contact: '',
				dietary_notes: '',
				accessibility_needs: '',
				arrival_at: null,
				arrival_flight: '',
				arrival_airport: '',
				departure_at: null,
				departure_flight: '',
				departure_airport: '',
				accommodation: '',
				calendar_token_hash: null
			});
		}
		// Statuses, delegations, categories, diets, names and seat counters are as they were.
		const after = await summary(due.event.id);
		expect(after.rows).toEqual(before.rows);
		expect(after.delegations).toEqual(before.delegations);
		expect(after.event.seats_taken).toBe(before.event.seats_taken);
		expect(after.event.purged_at).toEqual(new Date('2026-12-07T15:00:00Z'));

		// The audit trail: one entry for the purge, with counts only; edits no longer show the data.
		const entries = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('event_id', '=', due.event.id)
			.orderBy('id')
			.execute();
		const purge = entries.filter((e) => e.action === 'privacy.purge');
		expect(purge).toHaveLength(1);
		expect(purge[0]).toMatchObject({
			entity_type: 'event',
			entity_id: String(due.event.id),
			actor_user_id: null
		});
		expect(purge[0].diff).toEqual({
			ended_on: '2026-06-10',
			retention_days: 180,
			registrations: 3,
			passports_erased: 3
		});
		for (const edit of entries.filter((e) => e.action === 'registration.update')) {
			expect(edit.diff).toEqual({ phone: '[erased]', position: { from: 'A', to: 'B' } });
		}
		const trail = JSON.stringify(entries);
		for (const secret of ['+66 2 123 4567', 'Srisuk', 'P7712345', 'Okura', '@example.org']) {
			expect(trail).not.toContain(secret);
		}

		// Events still within their retention period are untouched, passport data readable.
		for (const kept of [later, longer]) {
			const rows = await registrationsOf(kept.event.id);
			expect(decryptVisaData(rows[0].visa_data_enc!)).toEqual(PASSPORT);
			expect(rows[0].phone).toBe('+66 2 123 4567');
			expect((await summary(kept.event.id)).event.purged_at).toBeNull();
		}

		// Running again changes nothing.
		expect(await purgeExpiredEvents()).toEqual([]);
		const again = await db()
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'privacy.purge')
			.execute();
		expect(again).toHaveLength(1);
	});

	it('runs from the worker schedule, and logs events by code only', async () => {
		const due = await eventWithPeople('PURGED', '2026-01-10', 30);
		const lines: string[] = [];
		const schedule = startPurgeSchedule({
			log: (line) => lines.push(line),
			firstDelayMs: 0,
			intervalMs: 60_000
		});
		for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
		await schedule.stop();
		expect(lines).toEqual([
			'privacy purge: PURGED (ended 2026-01-10, kept 30 days): optional data of 3 registrations erased, 3 with passport data'
		]);
		expect((await registrationsOf(due.event.id)).every((r) => r.visa_data_enc === null)).toBe(true);
	});

	it('npm run cli -- privacy:purge prints what it purged', async () => {
		const due = await eventWithPeople('PURGEE', '2026-03-01', 10);
		const cli = (args: string[]) =>
			spawnSync(process.execPath, ['scripts/cli.ts', ...args], {
				env: { ...process.env, NO_COLOR: '1' },
				encoding: 'utf8',
				timeout: 60_000
			});
		const dry = cli(['privacy:purge', '--dry-run']);
		expect(dry.status, dry.stderr).toBe(0);
		expect(dry.stdout).toMatch(
			/Would purge \(dry run, nothing erased\):\n {2}PURGEE — .*: ended 2026-03-01, kept 10 days; optional personal data of 3 registrations \(3 with passport data\)/
		);
		expect((await registrationsOf(due.event.id))[0].visa_data_enc).not.toBeNull();
		const run = cli(['privacy:purge']);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toMatch(
			/Purged:\n {2}PURGEE — .*3 registrations erased \(3 with passport data\)/
		);
		expect(run.stdout).not.toMatch(/Srisuk|example\.org/);
		expect((await registrationsOf(due.event.id)).every((r) => r.visa_data_enc === null)).toBe(true);
		expect(cli(['privacy:purge']).stdout).not.toContain('PURGEE');
	});
});
