import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	cancelRegistration,
	decideRegistrations
} from '../../src/lib/server/registrations/registration.service.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import { addVisit, confirmedDelegates, makeWorkshop } from '../helpers/visits.ts';
import { staffActor, delegateActor } from '../helpers/event-actors.ts';

async function seatsOf(visitId: number) {
	const visit = await db()
		.selectFrom('field_visits')
		.select('seats_taken')
		.where('id', '=', visitId)
		.executeTakeFirstOrThrow();
	const statuses = await db()
		.selectFrom('field_visit_signups')
		.select(['registration_id', 'status'])
		.where('visit_id', '=', visitId)
		.orderBy('id')
		.execute();
	return { taken: visit.seats_taken, statuses };
}

describe('a registration that ends gives back its field-visit seat', () => {
	it('on cancellation and on decline, promoting the visit wait-list', async () => {
		setNow(new Date('2027-01-10T00:00:00Z'));
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 1 });
		const [leaving, waiting, third] = await confirmedDelegates(w, 3);
		await signUp(leaving.id, visitId);
		await signUp(waiting.id, visitId);
		expect((await seatsOf(visitId)).taken).toBe(1);

		await cancelRegistration(delegateActor(leaving.user_id), leaving.id);
		let seats = await seatsOf(visitId);
		expect(seats.taken).toBe(1);
		expect(seats.statuses).toEqual([
			{ registration_id: leaving.id, status: 'cancelled' },
			{ registration_id: waiting.id, status: 'confirmed' }
		]);

		await signUp(third.id, visitId);
		await decideRegistrations(
			staffActor(w.organizer),
			w.event.id,
			[waiting.id],
			'decline',
			'Nominated in error'
		);
		seats = await seatsOf(visitId);
		expect(seats.taken).toBe(1);
		expect(seats.statuses.find((s) => s.registration_id === third.id)?.status).toBe('confirmed');
		expect(seats.statuses.find((s) => s.registration_id === waiting.id)?.status).toBe('cancelled');
		setNow(undefined);
	});
});
