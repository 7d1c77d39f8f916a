import { requireEventAccess } from '$lib/server/events/access';
import {
	accommodationList,
	dietaryAndAccess,
	travelList
} from '$lib/server/logistics/logistics.service';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	const tz = event.time_zone;
	const locale = getLocale();
	const [arrivals, departures, dietary, lodging] = await Promise.all([
		travelList(actor, event.id, tz, 'arrival', locale),
		travelList(actor, event.id, tz, 'departure', locale),
		dietaryAndAccess(actor, event.id, locale),
		accommodationList(actor, event.id, tz, locale)
	]);
	const travel = (list: typeof arrivals) => ({
		given: list.total - list.missing.length,
		days: list.days.map((d) => ({ label: d.label, count: d.count }))
	});
	return {
		confirmed: dietary.total,
		arrivals: travel(arrivals),
		departures: travel(departures),
		specialMeals: dietary.meals.length,
		meals: dietary.counts.filter((c) => c.dietary !== 'none' && c.count > 0),
		accessCount: dietary.accessCount,
		hotels: lodging.hotels.map((h) => ({ hotel: h.hotel, count: h.people.length })),
		lodgingMissing: lodging.missing.length
	};
};
