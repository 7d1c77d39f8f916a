import { fromZonedInput } from '../../time.ts';
import type { VisitInput } from '../../schemas/visit.ts';
import type { DB } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { findEventBySlug } from '../events/event.repository.ts';
import { findUserByEmail } from '../users/user.repository.ts';
import { createVisit } from '../visits/visit-admin.service.ts';
import { signUp } from '../visits/visit.service.ts';

// Demo field visits of the ASEAN/Japan HIV/AIDS Workshop (Phnom Penh). On the programme's field
// inspection day (the third) delegates choose one of two routes: the referral hospitals (limited
// seats: full, one person wait-listed) or the NGO clinic and community care (seats free).
// Idempotent: visits are found by title; sign-ups are made only while the first has none.

const WORKSHOP = 'hiv-aids-workshop';
const INSPECTION = 'Phnom Penh field inspection: referral hospitals';
const COMMUNITY = 'Phnom Penh field inspection: NGO clinic and community care';

function addDays(day: string, days: number): string {
	const at = new Date(`${day}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + days);
	return at.toISOString().slice(0, 10);
}

/** Wall-clock times on the field inspection day (the third day, or the last if shorter). */
function inspectionDay(event: Event) {
	const third = addDays(event.starts_on, 2);
	const day = third <= event.ends_on ? third : event.ends_on;
	return (time: string) => fromZonedInput(`${day}T${time}`, event.time_zone)!;
}

function hospitals(event: Event, seats: number): VisitInput {
	const at = inspectionDay(event);
	return {
		title: INSPECTION,
		summary:
			'HIV/AIDS treatment in practice at two referral hospitals, and an afternoon with a community home-based care team.',
		meetingPoint: 'Workshop hotel, main lobby',
		departsAt: at('07:45'),
		returnsAt: at('17:00'),
		transport: `Bus A (air-conditioned, ${Math.max(seats, 12)} seats)`,
		seats,
		eligibleCategories: null,
		stops: [
			{
				arrivesAt: at('08:15'),
				leavesAt: at('12:00'),
				place: 'Calmette Hospital (national referral hospital)',
				address: 'Preah Monivong Boulevard, Phnom Penh',
				activity:
					'Briefing by the hospital management; the antiretroviral therapy clinic, voluntary counselling and testing, infection control on the wards.',
				hostContact: 'Office of the Director'
			},
			{
				arrivesAt: at('13:30'),
				leavesAt: at('15:00'),
				place: 'A second referral hospital: paediatric HIV care',
				address: 'Phnom Penh',
				activity: 'Care and follow-up of children living with HIV.',
				hostContact: 'Paediatrics department'
			},
			{
				arrivesAt: at('15:30'),
				leavesAt: at('16:40'),
				place: 'Home-based care team',
				address: 'Mean Chey district, Phnom Penh',
				activity: 'Accompanying the team on a home visit; discussion with volunteers.',
				hostContact: 'Team leader'
			}
		]
	};
}

function community(event: Event): VisitInput {
	const at = inspectionDay(event);
	return {
		title: COMMUNITY,
		summary:
			'Prevention and care outside hospital: peer counselling and testing at an NGO clinic, and mother-to-child transmission follow-up at a health centre.',
		meetingPoint: 'Workshop hotel, main lobby',
		departsAt: at('07:45'),
		returnsAt: at('17:00'),
		transport: 'Minibus, 15 seats',
		seats: 15,
		eligibleCategories: null,
		stops: [
			{
				arrivesAt: at('08:30'),
				leavesAt: at('11:30'),
				place: 'Community HIV clinic run by a local NGO',
				address: 'Tuol Kouk district, Phnom Penh',
				activity: 'Peer counselling, testing and outreach to key populations.',
				hostContact: 'Clinic coordinator'
			},
			{
				arrivesAt: at('13:30'),
				leavesAt: at('15:30'),
				place: 'Chbar Ampov health centre',
				address: 'Chbar Ampov district, Phnom Penh',
				activity: 'Prevention of mother-to-child transmission and follow-up in the community.',
				hostContact: 'Health centre chief'
			}
		]
	};
}

async function findVisitByTitle(database: DB, eventId: number, title: string) {
	return database
		.selectFrom('field_visits')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('title', '=', title)
		.executeTakeFirst();
}

/** Creates the workshop's demo visits and signs up its confirmed registrations (if any). */
export async function seedVisits(database: DB): Promise<void> {
	const event = await findEventBySlug(database, WORKSHOP);
	if (!event) return;
	const organizer = await findUserByEmail(database, 'organizer@kaigi.example');
	if (!organizer) throw new Error('The demo organizer must exist before the demo visits.');
	const actor = { id: organizer.id, name: organizer.display_name, staff: true, admin: false };
	const confirmed = await database
		.selectFrom('registrations')
		.select('id')
		.where('event_id', '=', event.id)
		.where('status', '=', 'confirmed')
		.orderBy('created_at')
		.orderBy('id')
		.execute();

	let visit = await findVisitByTitle(database, event.id, INSPECTION);
	if (!visit) {
		// Limited seats: one fewer than the confirmed delegates, so that one is wait-listed.
		const seats = confirmed.length >= 2 ? Math.min(12, confirmed.length - 1) : 12;
		await createVisit(actor, event, hospitals(event, seats));
		visit = await findVisitByTitle(database, event.id, INSPECTION);
	}
	if (!(await findVisitByTitle(database, event.id, COMMUNITY))) {
		await createVisit(actor, event, community(event));
	}
	if (!visit || confirmed.length === 0) return;
	const any = await database
		.selectFrom('field_visit_signups')
		.select('id')
		.where('visit_id', '=', visit.id)
		.executeTakeFirst();
	if (any) return;
	for (const registration of confirmed.slice(0, visit.seats + 1)) {
		await signUp(registration.id, visit.id, null);
	}
}
