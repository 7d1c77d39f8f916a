import { redirect } from '@sveltejs/kit';
import { eventSchema } from '$lib/schemas/event';
import { requireEventCreator } from '$lib/server/auth/guards';
import { newEventFormValues } from '$lib/server/events/event-form';
import { createEvent } from '$lib/server/events/event.service';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { timeZones } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireEventCreator(locals, url);
	return { values: newEventFormValues(locals.user?.email ?? ''), timeZones: timeZones() };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = requireEventCreator(locals, undefined, 'POST');
		const values = formValues(await request.formData());
		const parsed = eventSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		let slug: string;
		try {
			slug = (await createEvent(actor, parsed.data)).slug;
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/admin/events/${slug}/edit?created=1`);
	}
};
