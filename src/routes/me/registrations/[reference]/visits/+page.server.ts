import { inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { redirect } from '@sveltejs/kit';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import { visitChoices } from '$lib/server/visits/delegate-visits';
import { cancelSignUp, signUp } from '$lib/server/visits/visit.service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (request) => {
	const { registration, event } = await requireOwnRegistration(request);
	const done = request.url.searchParams.get('done');
	const visitId = Number(request.url.searchParams.get('visit') ?? 0) || null;
	return {
		registration: {
			reference: registration.reference,
			status: registration.status,
			eventTitle: inLanguage(event, 'title', getLocale()),
			timeZone: event.time_zone
		},
		visits: await visitChoices(registration, getLocale()),
		done: done === 'signed' || done === 'cancelled' ? done : null,
		doneVisitId: visitId
	};
};

function visitIdOf(form: FormData): number | null {
	const value = form.get('visitId');
	return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null;
}

async function act(request: RequestEvent, what: 'signed' | 'cancelled') {
	const { registration, actor } = await requireOwnRegistration(request);
	const visitId = visitIdOf(await request.request.formData());
	if (visitId === null)
		return formFail(400, { message: m.me_srv_choose_visit() }, { visitId: null });
	try {
		if (what === 'signed') await signUp(registration.id, visitId, actor.id);
		else await cancelSignUp(registration.id, visitId, actor.id);
	} catch (error) {
		return formFailure(error, undefined, { visitId });
	}
	const path = `/me/registrations/${encodeURIComponent(registration.reference)}/visits`;
	redirect(303, `${path}?done=${what}&visit=${visitId}`);
}

export const actions: Actions = {
	signUp: (request) => act(request, 'signed'),
	cancel: (request) => act(request, 'cancelled')
};
