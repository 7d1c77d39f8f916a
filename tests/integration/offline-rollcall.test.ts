import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import {
	rollCallHistory,
	rollCallStops,
	syncRollCall
} from '../../src/lib/server/checkin/rollcall.service.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { addEventStaff, makeStaff } from '../helpers/factories.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { addVisit, confirmedDelegates, makeWorkshop } from '../helpers/visits.ts';

async function setup() {
	const w = await makeWorkshop();
	const visitId = await addVisit(w);
	const people = await confirmedDelegates(w, 3);
	for (const p of people.slice(0, 2)) {
		await db()
			.insertInto('field_visit_signups')
			.values({
				visit_id: visitId,
				registration_id: p.id,
				status: 'confirmed',
				created_at: new Date(),
				updated_at: new Date()
			})
			.execute();
	}
	const escortUser = await makeStaff();
	await addEventStaff(w.event.id, escortUser.id, 'checkin');
	return { ...w, visitId, people, escort: staffActor(escortUser) };
}

describe('the field-visit roll call', () => {
	it('stores each mark once per device id, refuses strangers to the visit, and keeps the history', async () => {
		const s = await setup();
		const { stops } = await rollCallStops(s.escort, s.event.id, s.visitId);
		expect(stops.map((x) => x.place)).toEqual([
			'Departure: Hotel lobby',
			'Calmette Hospital',
			'NGO clinic'
		]);
		const boarded = {
			clientId: crypto.randomUUID(),
			stopId: null,
			registrationId: s.people[0].id,
			state: 'boarded' as const,
			at: new Date(Date.now() - 60_000)
		};
		const left = {
			clientId: crypto.randomUUID(),
			stopId: stops[1].id,
			registrationId: s.people[0].id,
			state: 'left' as const,
			at: new Date()
		};
		const notSignedUp = {
			...boarded,
			clientId: crypto.randomUUID(),
			registrationId: s.people[2].id
		};
		const otherStop = { ...boarded, clientId: crypto.randomUUID(), stopId: 999999 };
		const results = await syncRollCall(s.escort, s.event.id, s.visitId, [
			boarded,
			left,
			notSignedUp,
			otherStop
		]);
		expect(results.map((r) => r.outcome)).toEqual(['done', 'done', 'refused', 'refused']);
		// A replay (the answer was lost) stores nothing twice.
		await syncRollCall(s.escort, s.event.id, s.visitId, [boarded, left]);
		const history = await rollCallHistory(staffActor(s.organizer), s.event.id, s.visitId);
		expect(history.marks.map((m) => [m.stop, m.stateLabel])).toEqual([
			['Departure: Hotel lobby', 'On board'],
			['Calmette Hospital', 'Left the group here']
		]);
		expect(history.travelled).toEqual([s.people[0].id]);
	});

	it('is for the event’s check-in staff and above; the history for secretariat and organizers', async () => {
		const s = await setup();
		const stranger = staffActor(await makeStaff());
		await expect(rollCallStops(stranger, s.event.id, s.visitId)).rejects.toBeInstanceOf(
			DomainError
		);
		await expect(
			syncRollCall(stranger, s.event.id, s.visitId, [
				{
					clientId: crypto.randomUUID(),
					stopId: null,
					registrationId: s.people[0].id,
					state: 'boarded',
					at: new Date()
				}
			])
		).rejects.toBeInstanceOf(DomainError);
		await expect(rollCallHistory(s.escort, s.event.id, s.visitId)).rejects.toBeInstanceOf(
			DomainError
		);
	});
});
