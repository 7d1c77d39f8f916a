import { getLocale } from '$lib/paraglide/runtime.js';
import { eventIsFull } from '$lib/domain/room';
import { now } from '$lib/server/clock';
import {
	eventForRegistration,
	registerAction,
	registerFormData
} from '$lib/server/registrations/register-flow';
import { publicFormBlocked } from '$lib/server/registrations/registration.rules';
import { visitChoices } from '$lib/server/visits/delegate-visits';
import type { Actions, PageServerLoad } from './$types';
import { eventSummary } from '$lib/server/events/public-event.service';

// The public register page: anyone, while the event takes registrations (register-flow.ts).

export const load: PageServerLoad = async ({ params, locals }) => {
	const event = await eventForRegistration(params.slug);
	const visits = (
		await visitChoices({ id: null, event_id: event.id, category: 'delegate' }, getLocale())
	).filter((v) => !v.departed);
	return {
		...(await registerFormData(event, undefined, locals.locale)),
		visits,
		event: {
			...eventSummary(event, locals.locale),
			mode: event.registration_mode,
			full: eventIsFull(event)
		},
		blocked: publicFormBlocked(event, now()),
		signedInEmail: locals.user?.email ?? null
	};
};

export const actions: Actions = {
	default: async (request) => {
		const event = await eventForRegistration(request.params.slug);
		return registerAction(request, {
			event,
			done: (registered) =>
				`/events/${event.slug}/register/done${registered.visitsSkipped ? '?visits=later' : ''}`
		});
	}
};
