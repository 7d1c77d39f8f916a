import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { inLanguage } from '$lib/domain/translations';
import { listName } from '$lib/domain/person-name';
import { createCalendarFeed, revokeCalendarFeed } from '$lib/server/calendar/calendar.service';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import { groupByDay, registrationItinerary } from '$lib/server/visits/itinerary';
import { formFail } from '$lib/server/form-failure';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (request) => {
	const { registration, event } = await requireOwnRegistration(request);
	const entries = await registrationItinerary(registration, getLocale());
	return {
		registration: {
			reference: registration.reference,
			status: registration.status,
			name: listName(registration),
			eventTitle: inLanguage(event, 'title', getLocale()),
			venue: [inLanguage(event, 'venue', getLocale()), inLanguage(event, 'city', getLocale())]
				.filter(Boolean)
				.join(m.punct_list()),
			startsOn: event.starts_on,
			endsOn: event.ends_on,
			timeZone: event.time_zone,
			accommodation: registration.accommodation
		},
		days: groupByDay(entries, event.time_zone),
		feedActive: registration.calendar_token_hash !== null
	};
};

async function createFeed(request: RequestEvent) {
	const { registration, actor } = await requireOwnRegistration(request);
	if (['cancelled', 'declined'].includes(registration.status)) {
		return formFail(409, { message: m.me_srv_inactive() });
	}
	const url = await createCalendarFeed(registration.id, actor.id, registration.event_id);
	// Shown once: only a hash is stored, so this page cannot show it again later.
	return { feedUrl: url };
}

export const actions: Actions = {
	createFeed,
	renewFeed: createFeed,
	revokeFeed: async (request) => {
		const { registration, actor } = await requireOwnRegistration(request);
		await revokeCalendarFeed(registration.id, actor.id, registration.event_id);
		return { feedRevoked: true };
	}
};
