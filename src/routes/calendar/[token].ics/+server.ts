import { m } from '$lib/paraglide/messages.js';
import { inLanguage } from '$lib/domain/translations';
import { toLocale } from '$lib/i18n/locales';
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { itineraryIcs } from '$lib/server/calendar/itinerary-ics';
import { feedItinerary, registrationForFeed } from '$lib/server/calendar/calendar.service';
import type { RequestHandler } from './$types';

// A subscribed calendar fetches this without a session: the token in the address is the key.
export const GET: RequestHandler = async ({ params }) => {
	const registration = await registrationForFeed(params.token);
	if (!registration) error(404, m.err_no_calendar());
	const entries = await feedItinerary(registration);
	const locale = toLocale(registration.language) ?? 'en';
	const title = inLanguage(
		{ title: registration.event_title, translations: registration.event_translations },
		'title',
		locale
	);
	const body = itineraryIcs({
		name: `${title} — ${registration.reference}`,
		locale,
		timeZone: registration.event_time_zone,
		entries,
		url: `${config().origin}/me/registrations/${encodeURIComponent(registration.reference)}/itinerary`
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, max-age=300',
			// The address is a secret: never pass it on as a referrer.
			'Referrer-Policy': 'no-referrer'
		}
	});
};
