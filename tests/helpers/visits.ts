import type { VisitInput } from '../../src/lib/schemas/visit.ts';
import { fromZonedInput } from '../../src/lib/time.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { createVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from './factories.ts';
import { staffActor } from './event-actors.ts';

// A Phnom Penh workshop (15–19 Feb 2027) with an organizer and a delegation, for visit tests.

export const TZ = 'Asia/Phnom_Penh';

/** An instant from a wall-clock time in Phnom Penh ("2027-02-16T08:00"). */
export const pp = (local: string) => fromZonedInput(local, TZ)!;

export async function makeWorkshop() {
	const organizer = await makeStaff();
	const event = await makeEvent({
		time_zone: TZ,
		starts_on: '2027-02-15',
		ends_on: '2027-02-19',
		registration_mode: 'approval'
	});
	await addEventStaff(event.id, organizer.id, 'organizer');
	const delegation = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
	return { organizer, event, delegation };
}

/** The event's privacy notice written in English and in Japanese, as the Languages tab saves it. */
export async function writePrivacyNoticeInTwoLanguages(eventId: number): Promise<void> {
	await db()
		.updateTable('events')
		.set({
			privacy_notice: 'Your details are used only to organise this workshop.',
			translations: JSON.stringify({
				ja: { privacy_notice: 'ご登録の情報は本ワークショップの運営にのみ利用します。' }
			}) as never
		})
		.where('id', '=', eventId)
		.execute();
}

/** A visit input on 16 Feb 2027 with two stops; override anything. */
export function visitInput(overrides: Partial<VisitInput> = {}): VisitInput {
	return {
		title: 'Referral hospital visit',
		summary: 'Seeing HIV care in practice.',
		meetingPoint: 'Hotel lobby',
		departsAt: pp('2027-02-16T08:00'),
		returnsAt: pp('2027-02-16T13:00'),
		transport: 'Bus A, 40 seats',
		seats: 20,
		eligibleCategories: null,
		stops: [
			{
				arrivesAt: pp('2027-02-16T09:00'),
				leavesAt: pp('2027-02-16T11:00'),
				place: 'Calmette Hospital',
				address: 'Monivong Blvd',
				activity: 'ART clinic',
				hostContact: 'Dr. Sok'
			},
			{
				arrivesAt: pp('2027-02-16T11:30'),
				leavesAt: pp('2027-02-16T12:30'),
				place: 'NGO clinic',
				address: 'Tuol Kouk',
				activity: 'Peer counselling',
				hostContact: ''
			}
		],
		...overrides
	};
}

type Workshop = Awaited<ReturnType<typeof makeWorkshop>>;

/** Creates a visit in the workshop and returns its id. */
export function addVisit(w: Workshop, overrides: Partial<VisitInput> = {}) {
	return createVisit(staffActor(w.organizer), w.event, visitInput(overrides));
}

/** `n` confirmed registrations in the workshop's delegation. */
export async function confirmedDelegates(w: Workshop, n: number) {
	const list = [];
	for (let i = 0; i < n; i++) list.push(await makeRegistration(w.event, w.delegation));
	return list;
}

/** A saved visit as the input the organizer's form would send back unchanged (stops keep ids). */
export async function savedInput(visitId: number): Promise<VisitInput> {
	const visit = await db()
		.selectFrom('field_visits')
		.selectAll()
		.where('id', '=', visitId)
		.executeTakeFirstOrThrow();
	const stops = await db()
		.selectFrom('field_visit_stops')
		.selectAll()
		.where('visit_id', '=', visitId)
		.orderBy('position')
		.execute();
	return {
		title: visit.title,
		summary: visit.summary,
		meetingPoint: visit.meeting_point,
		departsAt: visit.departs_at,
		returnsAt: visit.returns_at,
		transport: visit.transport,
		seats: visit.seats,
		eligibleCategories: visit.eligible_categories,
		stops: stops.map((s) => ({
			id: s.id,
			arrivesAt: s.arrives_at,
			leavesAt: s.leaves_at,
			place: s.place,
			address: s.address,
			activity: s.activity,
			hostContact: s.host_contact
		}))
	};
}
