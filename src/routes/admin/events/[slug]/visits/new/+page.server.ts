import { redirect } from '@sveltejs/kit';
import { visitFormValues } from '$lib/schemas/visit-form';
import { requireEventAccess } from '$lib/server/events/access';
import { formFail, formFailure } from '$lib/server/form-failure';
import { createVisit } from '$lib/server/visits/visit-admin.service';
import {
	draftValues,
	eventWindow,
	newVisitValues,
	parseVisitForm
} from '$lib/server/visits/visit-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'event.edit');
	return { values: newVisitValues(event) };
};

export const actions: Actions = {
	draft: async (request) => {
		await requireEventAccess(request, 'event.edit');
		return { values: draftValues(await request.request.formData()), errors: {} };
	},
	save: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = visitFormValues(await request.request.formData());
		const parsed = parseVisitForm(values, eventWindow(event));
		if (!parsed.ok) return formFail(400, { values, errors: parsed.errors });
		let id: number;
		try {
			id = await createVisit(actor, event, parsed.input);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/admin/events/${event.slug}/visits/${id}?saved=created`);
	}
};
