import { inLanguage } from '$lib/domain/translations';
import { toLocale } from '$lib/i18n/locales';
import { itineraryIcs } from '$lib/server/calendar/itinerary-ics';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import { registrationItinerary } from '$lib/server/visits/itinerary';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { registration, event } = await requireOwnRegistration(request);
	const entries = await registrationItinerary(registration, registration.language);
	const locale = toLocale(registration.language) ?? 'en';
	const body = itineraryIcs({
		name: `${inLanguage(event, 'title', locale)} — ${registration.reference}`,
		locale,
		timeZone: event.time_zone,
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
