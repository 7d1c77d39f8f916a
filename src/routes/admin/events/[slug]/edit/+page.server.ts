import { redirect } from '@sveltejs/kit';
import { eventSchema } from '$lib/schemas/event';
import { requireEventAccess } from '$lib/server/events/access';
import { deleteDraftEvent } from '$lib/server/events/event-deletion.service';
import { eventFormValues } from '$lib/server/events/event-form';
import {
	allowedTransitions,
	changeEventStatus,
	eventCodeLocked,
	TRANSITIONS,
	updateEvent,
	type Transition
} from '$lib/server/events/event.service';
import { eventDelegations } from '$lib/server/events/delegation.service';
import { m } from '$lib/paraglide/messages.js';
import { quotaWarning } from '$lib/server/events/quota';
import { registrationState } from '$lib/server/events/registration-state';
import { seatsOpenedNotice, seatsOpenedParams } from '$lib/server/registrations/seats-opened';
import { now } from '$lib/server/clock';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { timeZones } from '$lib/time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** What the page says after a lifecycle action, in the page's language. */
const DONE_TEXT: Record<Transition, () => string> = {
	publish: m.adm_done_publish,
	close: m.adm_done_close,
	reopen: m.adm_done_reopen,
	cancel: m.adm_done_cancel,
	archive: m.adm_done_archive
};

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'event.edit');
	const done = request.url.searchParams.get('done') as Transition | null;
	const delegations = await eventDelegations(event.id);
	return {
		values: eventFormValues(event),
		slugLocked: event.published_at !== null,
		codeLocked: await eventCodeLocked(event.id),
		transitions: allowedTransitions(event.status),
		status: event.status,
		// A draft never published can be deleted outright (event-deletion.service.ts).
		deletable: event.status === 'draft' && event.published_at === null,
		delegationCount: delegations.length,
		registration: registrationState(event, now()).label,
		warning:
			quotaWarning(event.capacity, delegations) &&
			m.adm_quota_warning({
				total: delegations.reduce((sum, d) => sum + (d.quota ?? 0), 0),
				capacity: event.capacity ?? 0
			}),
		timeZones: timeZones(),
		notice: request.url.searchParams.has('created')
			? m.adm_edit_created()
			: request.url.searchParams.has('saved')
				? [m.adm_edit_saved(), seatsOpenedNotice(request.url.searchParams)]
						.filter(Boolean)
						.join(' ')
				: done && done in TRANSITIONS
					? DONE_TEXT[done]()
					: null
	};
};

function transition(name: Transition) {
	return async (request: RequestEvent) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		try {
			await changeEventStatus(actor, event.id, name);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `/admin/events/${event.slug}/edit?done=${name}`);
	};
}

export const actions: Actions = {
	save: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const parsed = eventSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		let slug: string;
		let opened: Record<string, string>;
		try {
			const result = await updateEvent(actor, event.id, Number(values.version), parsed.data);
			slug = result.event.slug;
			opened = seatsOpenedParams(result.seats);
		} catch (error) {
			return formFailure(error, values);
		}
		const query = new URLSearchParams({ saved: '1', ...opened });
		redirect(303, `/admin/events/${slug}/edit?${query}`);
	},
	publish: transition('publish'),
	close: transition('close'),
	reopen: transition('reopen'),
	cancel: transition('cancel'),
	archive: transition('archive'),
	delete: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		try {
			await deleteDraftEvent(actor, event.id);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, '/admin?deleted=1');
	}
};
