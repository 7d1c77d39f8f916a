import { error, redirect } from '@sveltejs/kit';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { isDomainError } from '$lib/server/errors';
import { requireEventAccess } from '$lib/server/events/access';
import { formFail, formFailure } from '$lib/server/form-failure';
import { registrationFormValues } from '$lib/server/registrations/registration.fields';
import { eventRegistration } from '$lib/server/registrations/registration.service';
import {
	correctRegistration,
	delegationChoices,
	formSettings,
	keepStoredPassport,
	type Event,
	type Registration
} from '$lib/server/registrations/staff-edit.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const STALE_HERE =
	'This registration was changed by the delegate or another staff member after you opened this page, so nothing was saved. The form now shows the latest version: make your corrections again and save.';

async function registrationOf(request: RequestEvent | Parameters<PageServerLoad>[0]) {
	const access = await requireEventAccess(request, 'registrations.correct');
	const found = await eventRegistration(
		access.actor,
		access.event.id,
		request.params.reference,
		'registrations.correct'
	);
	if (!found) error(404, 'No such registration');
	return { ...access, registration: found.registration };
}

const editable = (r: Registration) => r.status !== 'cancelled' && r.status !== 'declined';

// Passport details are not sent to the form: seeing them is the registration page's audited action.
function formValuesOf(registration: Registration, event: Event) {
	return registrationFormValues(registration, event.time_zone, { withVisa: false });
}

export const load: PageServerLoad = async (request) => {
	const { registration, event, actor } = await registrationOf(request);
	const back = `/admin/events/${event.slug}/registrations/${registration.reference}`;
	if (!editable(registration)) redirect(303, back);
	return {
		reference: registration.reference,
		version: registration.version,
		values: formValuesOf(registration, event),
		delegations: await delegationChoices(actor, event.id),
		form: formSettings(event),
		hasPassport: event.collect_visa_support && registration.visa_data_enc !== null
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { registration, event, actor } = await registrationOf(request);
		const raw = formValues(await request.request.formData());
		const values = keptRegistrationValues(raw);
		const version = Number(raw.version);
		const stale = (latest: Registration) =>
			formFail(
				409,
				{ values: formValuesOf(latest, event), message: STALE_HERE },
				{ version: latest.version, stale: true }
			);
		if (!Number.isSafeInteger(version) || version < 1) return stale(registration);
		const delegations = await delegationChoices(actor, event.id);
		const parsed = registrationSchema({
			collectVisa: event.collect_visa_support,
			delegationIds: delegations.map((d) => d.id),
			timeZone: event.time_zone,
			endsOn: event.ends_on
		}).safeParse(keepStoredPassport(raw, registration, event));
		if (!parsed.success) return formFailure(parsed.error, values, { version, stale: false });
		try {
			await correctRegistration(actor, registration.id, version, parsed.data);
		} catch (e) {
			if (isDomainError(e, 'stale')) {
				const latest = await eventRegistration(
					actor,
					event.id,
					registration.reference,
					'registrations.correct'
				);
				if (!latest) error(404, 'No such registration');
				return stale(latest.registration);
			}
			return formFailure(e, values, { version, stale: false });
		}
		redirect(
			303,
			`/admin/events/${event.slug}/registrations/${registration.reference}?corrected=1`
		);
	}
};
