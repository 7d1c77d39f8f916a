import { m } from '$lib/paraglide/messages.js';
import { error, redirect } from '@sveltejs/kit';
import { optionalText } from '$lib/schemas/fields';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { isDomainError } from '$lib/server/errors';
import { requireEventAccess } from '$lib/server/events/access';
import { formFail, formFailure } from '$lib/server/form-failure';
import { registrationFormValues } from '$lib/server/registrations/registration.fields';
import { eventRegistration } from '$lib/server/registrations/registration.service';
import {
	asStaffEntry,
	correctRegistration,
	delegationChoices,
	formSettings,
	keepStoredPassport,
	type Event,
	type Registration
} from '$lib/server/registrations/staff-edit.service';
import { formValues } from '$lib/server/request';
import { registrationHasPhoto } from '$lib/server/photos/photo.service';
import { answersFromForm, refusedWithAnswers } from '$lib/server/questions/answer-form';
import { answersOf } from '$lib/server/questions/own-answers.service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function registrationOf(request: RequestEvent | Parameters<PageServerLoad>[0]) {
	const access = await requireEventAccess(request, 'registrations.correct');
	const found = await eventRegistration(
		access.actor,
		access.event.id,
		request.params.reference,
		'registrations.correct'
	);
	if (!found) error(404, m.err_no_registration());
	return { ...access, registration: found.registration };
}

const PHOTO_REASON = optionalText(300, () => m.sreg_s_reason());

const editable = (r: Registration) => r.status !== 'cancelled' && r.status !== 'declined';

// Passport details are not sent to the form: seeing them is the registration page's audited action.
function formValuesOf(registration: Registration, event: Event) {
	return registrationFormValues(registration, event.time_zone, { withVisa: false });
}

/** The registration's answers and photo as its correction form asks them (none required). */
async function answersAsked(registration: Registration, event: Event) {
	const [stored, onFile] = await Promise.all([
		answersOf(registration),
		registrationHasPhoto(registration)
	]);
	const { set: view, photoPolicy } = asStaffEntry(stored, event.photo_policy);
	return { view, photo: { policy: photoPolicy, onFile } };
}

export const load: PageServerLoad = async (request) => {
	const { registration, event, actor } = await registrationOf(request);
	const back = `/admin/events/${event.slug}/registrations/${registration.reference}`;
	if (!editable(registration)) redirect(303, back);
	const { view, photo } = await answersAsked(registration, event);
	return {
		questions: view.questions,
		answers: view.raw,
		held: view.held,
		photo,
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
		const form = await request.request.formData();
		const raw = formValues(form);
		const values = keptRegistrationValues(raw);
		const version = Number(raw.version);
		const stale = (latest: Registration) =>
			formFail(
				409,
				{ values: formValuesOf(latest, event), message: m.sreg_e_stale() },
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
		// The answers with the person's own rules: the category typed decides what is asked.
		const { view, photo } = await answersAsked(registration, event);
		const answered = await answersFromForm(form, {
			set: view,
			category: raw.category,
			held: new Set(view.held),
			photo
		});
		// Told to the person with the new photo, on one line.
		const typedReason = raw.photoReason ?? '';
		const reason = PHOTO_REASON.safeParse(typedReason.replace(/[\t\r\n]+/g, ' '));
		if (!parsed.success || !answered.toSave || !reason.success) {
			const refused = reason.success
				? answered
				: {
						...answered,
						errors: { ...answered.errors, photoReason: reason.error.issues[0].message }
					};
			return refusedWithAnswers(parsed, refused, values, {
				version,
				stale: false,
				photoReason: typedReason
			});
		}
		const photoReason = reason.data ?? '';
		try {
			await correctRegistration(
				actor,
				registration.id,
				version,
				parsed.data,
				answered.toSave,
				photoReason
			);
		} catch (e) {
			if (isDomainError(e, 'stale')) {
				const latest = await eventRegistration(
					actor,
					event.id,
					registration.reference,
					'registrations.correct'
				);
				if (!latest) error(404, m.err_no_registration());
				return stale(latest.registration);
			}
			return formFailure(e, values, {
				version,
				stale: false,
				answers: answered.raw,
				photoReason: typedReason
			});
		}
		redirect(
			303,
			`/admin/events/${event.slug}/registrations/${registration.reference}?corrected=1`
		);
	}
};
