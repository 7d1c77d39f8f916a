import { categoryPlural } from '../../domain/category.ts';
import type { VisitOption } from '../../visit-format.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Registration } from '../db/schema.ts';
import { visitsForRegistration } from './itinerary.repository.ts';
import { listStops, waitlistPlaces } from './visit.repository.ts';
import { localized, STOP_TRANSLATED, VISIT_TRANSLATED } from '../../domain/translations.ts';

// The field visits a delegate may choose, on the registration form and on their own pages.

export type VisitChoice = VisitOption;

/**
 * The event's scheduled visits as a registration may choose them. With `id: null` (the
 * registration form, before there is a registration) no visit is chosen yet.
 */
export async function visitChoices(
	registration: {
		id: number | null;
		event_id: number;
		category: Registration['category'];
	},
	/** The reader's language: visits and stops written in it are shown so. */
	locale?: string
): Promise<VisitChoice[]> {
	const rows = await visitsForRegistration(db(), registration.event_id, registration.id);
	const visits = rows.map((v) => localized(v, VISIT_TRANSLATED, locale));
	const ids = visits.map((v) => v.id);
	const [stopRows, places] = await Promise.all([listStops(db(), ids), waitlistPlaces(db(), ids)]);
	const stops = stopRows.map((s) => localized(s, STOP_TRANSLATED, locale));
	const at = now();
	return visits.map((v) => ({
		id: v.id,
		title: v.title,
		summary: v.summary,
		departsAt: v.departs_at,
		returnsAt: v.returns_at,
		meetingPoint: v.meeting_point,
		transport: v.transport,
		seats: v.seats,
		seatsTaken: v.seats_taken,
		status: (v.signup_status as 'confirmed' | 'waitlisted' | null) ?? null,
		waitlistPlace: v.signup_id ? (places.get(v.signup_id) ?? null) : null,
		eligible: !v.eligible_categories || v.eligible_categories.includes(registration.category),
		openTo: v.eligible_categories ? v.eligible_categories.map(categoryPlural).join(', ') : null,
		departed: v.departs_at <= at,
		stops: stops
			.filter((s) => s.visit_id === v.id)
			.map((s) => ({
				arrivesAt: s.arrives_at,
				leavesAt: s.leaves_at,
				place: s.place,
				address: s.address,
				activity: s.activity
			}))
	}));
}
