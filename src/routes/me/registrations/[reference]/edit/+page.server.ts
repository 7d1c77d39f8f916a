import { m } from '$lib/paraglide/messages.js';
import { inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { redirect } from '@sveltejs/kit';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { isDomainError } from '$lib/server/errors';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import { delegationsOffered } from '$lib/server/registrations/register-flow';
import { registrationFormValues } from '$lib/server/registrations/registration.fields';
import {
	openChangeRequest,
	ownFixedChoices,
	saveOwnRegistration
} from '$lib/server/registrations/change-request.service';
import {
	getRegistrationForOwner,
	type RegistrationView
} from '$lib/server/registrations/registration.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

type Registration = RegistrationView['registration'];
type Event = RegistrationView['event'];

function editable(registration: Registration, event: Event): boolean {
	return (
		registration.status !== 'cancelled' &&
		registration.status !== 'declined' &&
		event.status !== 'archived' &&
		event.status !== 'cancelled'
	);
}

function formValuesOf(registration: Registration, event: Event) {
	return registrationFormValues(registration, event.time_zone, {
		withVisa: event.collect_visa_support
	});
}

/** Shows what is saved now, with its version, so that the next save is made against it. */
function staleFailure(registration: Registration, event: Event) {
	return formFail(
		409,
		{ values: formValuesOf(registration, event), message: m.me_edit_stale() },
		{ version: registration.version, stale: true }
	);
}

export const load: PageServerLoad = async (request) => {
	const { registration, event, actor } = await requireOwnRegistration(request, 'GET');
	if (!editable(registration, event)) redirect(303, `/me/registrations/${registration.reference}`);
	const delegations = await delegationsOffered(event);
	return {
		reference: registration.reference,
		version: registration.version,
		values: formValuesOf(registration, event),
		delegations,
		// Once confirmed, a new delegation or category is asked of the organisers.
		confirmed: registration.status === 'confirmed',
		// …and from the start when the invitation (or the organisers) set them.
		fixed: await ownFixedChoices(registration),
		changeRequest: await openChangeRequest(actor, registration),
		requested: request.url.searchParams.get('requested') === '1',
		event: {
			title: inLanguage(event, 'title', getLocale()),
			contactEmail: event.contact_email,
			timeZone: event.time_zone,
			endsOn: event.ends_on,
			collectVisa: event.collect_visa_support,
			privacyNotice: inLanguage(event, 'privacy_notice', getLocale())
		}
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { registration, event, actor } = await requireOwnRegistration(request);
		const raw = formValues(await request.request.formData());
		// The address is how this person signs in; it is changed by the secretariat, not here.
		raw.email = registration.email;
		const values = keptRegistrationValues(raw);
		const version = Number(raw.version);
		if (!Number.isSafeInteger(version) || version < 1) return staleFailure(registration, event);
		const delegations = await delegationsOffered(event);
		const parsed = registrationSchema({
			collectVisa: event.collect_visa_support,
			delegationIds: delegations.map((d) => d.id),
			timeZone: event.time_zone,
			endsOn: event.ends_on
		}).safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, values, { version, stale: false });
		let requested;
		try {
			({ requested } = await saveOwnRegistration(actor, registration.id, version, parsed.data));
		} catch (e) {
			if (isDomainError(e, 'stale')) {
				const latest = await getRegistrationForOwner(actor.id, registration.reference);
				if (!latest) redirect(303, '/me');
				return staleFailure(latest.registration, latest.event);
			}
			return formFailure(e, values, { version, stale: false });
		}
		if (requested) redirect(303, `/me/registrations/${registration.reference}/edit?requested=1`);
		redirect(303, `/me/registrations/${registration.reference}?saved=1`);
	}
};
