import { fromZonedInput } from '../../time.ts';
import type { VisitInput } from '../../schemas/visit.ts';
import type { DB } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { findEventBySlug } from '../events/event.repository.ts';
import { findUserByEmail } from '../users/user.repository.ts';
import { createVisit } from '../visits/visit-admin.service.ts';
import { signUp } from '../visits/visit.service.ts';

// Demo field visits of the ASEAN/Japan HIV/AIDS Workshop (Phnom Penh): the field inspection,
// nearly full with one person wait-listed, and a smaller afternoon visit with seats free.
// Idempotent: visits are found by title; sign-ups are made only while a visit has none.

const WORKSHOP = 'hiv-aids-workshop';
const INSPECTION = 'Phnom Penh field inspection: HIV/AIDS treatment and care';
const HOME_CARE = 'Community home-based care programme';

function addDays(day: string, days: number): string {
	const at = new Date(`${day}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + days);
	return at.toISOString().slice(0, 10);
}

function inspection(event: Event, seats: number): VisitInput {
	const day =
		addDays(event.starts_on, 2) <= event.ends_on ? addDays(event.starts_on, 2) : event.starts_on;
	const at = (time: string) => fromZonedInput(`${day}T${time}`, event.time_zone)!;
	return {
		title: INSPECTION,
		summary:
			'A day in Phnom Penh seeing how HIV/AIDS treatment, care and prevention work in practice: a national referral hospital, an NGO clinic and a community health centre.',
		meetingPoint: 'Workshop hotel, main lobby',
		departsAt: at('07:30'),
		returnsAt: at('16:30'),
		transport: `Bus A (air-conditioned, ${Math.max(seats, 12)} seats)`,
		seats,
		eligibleCategories: null,
		stops: [
			{
				arrivesAt: at('08:00'),
				leavesAt: at('10:30'),
				place: 'Calmette Hospital (national referral hospital)',
				address: 'Preah Monivong Boulevard, Phnom Penh',
				activity:
					'Briefing by the hospital management; the HIV outpatient and antiretroviral therapy clinic.',
				hostContact: 'Office of the Director'
			},
			{
				arrivesAt: at('11:00'),
				leavesAt: at('13:00'),
				place: 'Community HIV clinic run by a local NGO',
				address: 'Tuol Kouk district, Phnom Penh',
				activity: 'Peer counselling, testing and outreach to key populations; lunch at the clinic.',
				hostContact: 'Clinic coordinator'
			},
			{
				arrivesAt: at('14:00'),
				leavesAt: at('15:30'),
				place: 'Chbar Ampov health centre',
				address: 'Chbar Ampov district, Phnom Penh',
				activity: 'Prevention of mother-to-child transmission and follow-up in the community.',
				hostContact: 'Health centre chief'
			}
		]
	};
}

function homeCare(event: Event): VisitInput {
	const day =
		addDays(event.starts_on, 3) <= event.ends_on ? addDays(event.starts_on, 3) : event.ends_on;
	const at = (time: string) => fromZonedInput(`${day}T${time}`, event.time_zone)!;
	return {
		title: HOME_CARE,
		summary: 'An afternoon with a home-based care team visiting people living with HIV.',
		meetingPoint: 'Workshop hotel, main lobby',
		departsAt: at('14:00'),
		returnsAt: at('17:30'),
		transport: 'Minibus, 15 seats',
		seats: 15,
		eligibleCategories: null,
		stops: [
			{
				arrivesAt: at('14:45'),
				leavesAt: at('16:45'),
				place: 'Home-based care team, Mean Chey district',
				address: 'Mean Chey district, Phnom Penh',
				activity: 'Accompanying the team on home visits; discussion with volunteers.',
				hostContact: 'Team leader'
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
	const actor = { id: organizer?.id ?? null };
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
		await createVisit(actor, event, inspection(event, seats));
		visit = await findVisitByTitle(database, event.id, INSPECTION);
	}
	if (!(await findVisitByTitle(database, event.id, HOME_CARE))) {
		await createVisit(actor, event, homeCare(event));
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
