import { fail } from '@sveltejs/kit';
import { listName } from '$lib/domain/person-name';
import { db } from '$lib/server/db/database';
import { createCalendarFeed, revokeCalendarFeed } from '$lib/server/calendar/calendar.service';
import { requireOwnRegistration } from '$lib/server/visits/delegate-visits';
import { groupByDay, loadItinerary } from '$lib/server/visits/itinerary';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (request) => {
	const registration = await requireOwnRegistration(request);
	const entries = await loadItinerary(db(), registration);
	return {
		registration: {
			reference: registration.reference,
			status: registration.status,
			name: listName(registration),
			eventTitle: registration.event_title,
			venue: [registration.event_venue, registration.event_city].filter(Boolean).join(', '),
			startsOn: registration.event_starts_on,
			endsOn: registration.event_ends_on,
			timeZone: registration.event_time_zone,
			accommodation: registration.accommodation
		},
		days: groupByDay(entries, registration.event_time_zone),
		feedActive: registration.calendar_token_hash !== null
	};
};

async function createFeed(request: RequestEvent) {
	const registration = await requireOwnRegistration(request);
	if (['cancelled', 'declined'].includes(registration.status)) {
		return fail(409, { feedError: 'This registration is no longer active.' });
	}
	const url = await createCalendarFeed(
		registration.id,
		request.locals.user!.id,
		registration.event_id
	);
	// Shown once: only a hash is stored, so this page cannot show it again later.
	return { feedUrl: url };
}

export const actions: Actions = {
	createFeed,
	renewFeed: createFeed,
	revokeFeed: async (request) => {
		const registration = await requireOwnRegistration(request);
		await revokeCalendarFeed(registration.id, request.locals.user!.id, registration.event_id);
		return { feedRevoked: true };
	}
};
