import { fromZonedInput } from '../../time.ts';
import type { VisitInput } from '../../schemas/visit.ts';
import type { DB } from '../db/database.ts';
import type { Event, Translations } from '../db/schema.ts';
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

/** A visit's texts in Japanese, and its stops' in order (as the Languages tab writes them). */
type VisitJa = {
	visit: { title: string; summary: string; meeting_point: string };
	stops: Array<{ place: string; activity: string }>;
};

const HOSPITALS_JA: VisitJa = {
	visit: {
		title: 'プノンペン視察：中核病院',
		summary:
			'2つの中核病院でのHIV/エイズ治療の実際と、午後は地域在宅ケアチームの活動を視察します。',
		meeting_point: 'ワークショップ会場ホテル 1階ロビー'
	},
	stops: [
		{
			place: 'カルメット病院（国立中核病院）',
			activity:
				'病院幹部による説明、抗レトロウイルス療法クリニック、自発的カウンセリング・検査、病棟の感染管理。'
		},
		{
			place: 'もう一つの中核病院：小児HIVケア',
			activity: 'HIVとともに生きる子どもたちのケアとフォローアップ。'
		},
		{ place: '在宅ケアチーム', activity: 'チームの家庭訪問への同行と、ボランティアとの意見交換。' }
	]
};

const COMMUNITY_JA: VisitJa = {
	visit: {
		title: 'プノンペン視察：NGOクリニックと地域ケア',
		summary:
			'病院の外での予防とケア：NGOクリニックでのピアカウンセリングと検査、保健センターでの母子感染のフォローアップ。',
		meeting_point: 'ワークショップ会場ホテル 1階ロビー'
	},
	stops: [
		{
			place: '地元NGOが運営する地域HIVクリニック',
			activity: 'ピアカウンセリング、検査、キーポピュレーションへのアウトリーチ。'
		},
		{ place: 'チバアンポウ保健センター', activity: '母子感染の予防と地域でのフォローアップ。' }
	]
};

/** Writes a demo visit's Japanese texts, and its stops' in their order. */
async function translate(database: DB, eventId: number, title: string, ja: VisitJa) {
	const visit = await findVisitByTitle(database, eventId, title);
	if (!visit) return;
	await database
		.updateTable('field_visits')
		.set({ translations: JSON.stringify({ ja: ja.visit }) as unknown as Translations })
		.where('id', '=', visit.id)
		.execute();
	const stops = await database
		.selectFrom('field_visit_stops')
		.select('id')
		.where('visit_id', '=', visit.id)
		.orderBy('arrives_at')
		.orderBy('id')
		.execute();
	for (const [i, stop] of stops.entries()) {
		const texts = ja.stops[i];
		if (!texts) continue;
		await database
			.updateTable('field_visit_stops')
			.set({ translations: JSON.stringify({ ja: texts }) as unknown as Translations })
			.where('id', '=', stop.id)
			.execute();
	}
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
		await translate(database, event.id, INSPECTION, HOSPITALS_JA);
	}
	if (!(await findVisitByTitle(database, event.id, COMMUNITY))) {
		await createVisit(actor, event, community(event));
		await translate(database, event.id, COMMUNITY, COMMUNITY_JA);
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
