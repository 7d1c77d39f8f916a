import { m } from '$lib/paraglide/messages.js';
import { error, redirect } from '@sveltejs/kit';
import { visitFormValues } from '$lib/schemas/visit-form';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { cancelVisit, updateVisit, visitForEditing } from '$lib/server/visits/visit-admin.service';
import {
	draftValues,
	eventWindow,
	parseVisitForm,
	visitToFormValues
} from '$lib/server/visits/visit-form';
import type { Actions, PageServerLoad } from './$types';

function visitId(params: { id: string }): number {
	if (!/^\d{1,12}$/.test(params.id)) error(404, m.err_no_visit());
	return Number(params.id);
}

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const found = await visitForEditing(actor, event.id, visitId(request.params));
	if (!found) error(404, m.err_no_visit());
	const { visit, stops, counts } = found;
	return {
		visit: {
			id: visit.id,
			title: visit.title,
			status: visit.status,
			seats: visit.seats,
			seatsTaken: visit.seats_taken,
			waitlisted: counts.waitlisted,
			version: visit.version
		},
		values: visitToFormValues(visit, stops, event.time_zone),
		saved: request.url.searchParams.get('saved'),
		notified: Number(request.url.searchParams.get('notified') ?? 0) || 0
	};
};

export const actions: Actions = {
	draft: async (request) => {
		await requireEventAccess(request, 'event.edit');
		return { values: draftValues(await request.request.formData()), errors: {} };
	},
	save: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const id = visitId(request.params);
		const values = visitFormValues(await request.request.formData());
		const parsed = parseVisitForm(values, eventWindow(event));
		if (!parsed.ok) return formFail(400, { values, errors: parsed.errors });
		const version = /^\d+$/.test(values.version) ? Number(values.version) : null;
		let result;
		try {
			result = await updateVisit(actor, event, id, version, parsed.input);
		} catch (e) {
			return formFailure(e, values);
		}
		const saved = result.changed ? 'updated' : 'unchanged';
		redirect(
			303,
			`/admin/events/${event.slug}/visits/${id}?saved=${saved}&notified=${result.notified}`
		);
	},
	cancelVisit: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const id = visitId(request.params);
		const form = await request.request.formData();
		if (form.get('confirm') !== 'yes') {
			return formFail(400, { errors: { confirm: m.vis_cancel_tick() } }, { action: 'cancelVisit' });
		}
		let notified: number;
		try {
			({ notified } = await cancelVisit(actor, event, id));
		} catch (e) {
			return formFailure(e, undefined, { action: 'cancelVisit' });
		}
		redirect(303, `/admin/events/${event.slug}/visits/${id}?saved=cancelled&notified=${notified}`);
	}
};
