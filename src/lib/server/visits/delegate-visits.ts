import { error } from '@sveltejs/kit';
import { categoryPlural } from '../../domain/category.ts';
import type { VisitOption } from '../../visit-format.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import {
	findOwnedRegistration,
	visitsForRegistration,
	type OwnedRegistration
} from './itinerary.repository.ts';
import { listStops, waitlistPlaces } from './visit.repository.ts';

// A delegate's own pages under /me/registrations/[reference]/…: only the signed-in owner (any
// session kind) sees them; anyone else gets 404, so a reference reveals nothing.

type PageRequest = {
	locals: App.Locals;
	url: URL;
	params: { reference?: string };
	request?: Request;
};

/** The signed-in user's registration named in the URL, or 404. */
export async function requireOwnRegistration(request: PageRequest): Promise<OwnedRegistration> {
	const method = request.request?.method ?? 'GET';
	const user = requireSignedIn(request.locals, request.url, method);
	const reference = request.params.reference ?? '';
	const registration =
		reference.length <= 40 ? await findOwnedRegistration(db(), user.id, reference) : undefined;
	if (!registration) error(404, 'No such registration');
	return registration;
}

export type VisitChoice = VisitOption;

/**
 * The event's scheduled visits as a registration may choose them. With `id: null` (the
 * registration form, before there is a registration) no visit is chosen yet.
 */
export async function visitChoices(registration: {
	id: number | null;
	event_id: number;
	category: OwnedRegistration['category'];
}): Promise<VisitChoice[]> {
	const visits = await visitsForRegistration(db(), registration.event_id, registration.id);
	const ids = visits.map((v) => v.id);
	const [stops, places] = await Promise.all([listStops(db(), ids), waitlistPlaces(db(), ids)]);
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
