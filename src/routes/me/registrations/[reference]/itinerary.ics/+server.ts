import { db } from '$lib/server/db/database';
import { itineraryIcs } from '$lib/server/calendar/itinerary-ics';
import { requireOwnRegistration } from '$lib/server/visits/delegate-visits';
import { loadItinerary } from '$lib/server/visits/itinerary';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const registration = await requireOwnRegistration(request);
	const entries = await loadItinerary(db(), registration);
	const body = itineraryIcs({
		name: `${registration.event_title} — ${registration.reference}`,
		timeZone: registration.event_time_zone,
		entries,
		url: request.url.href.replace(/\.ics$/, '')
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${registration.reference}-itinerary.ics"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
