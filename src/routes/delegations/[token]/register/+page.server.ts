import { delegationNameIn, inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { redirect } from '@sveltejs/kit';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { randomToken } from '$lib/server/auth/tokens';
import { registerNominee } from '$lib/server/delegations/delegation-page.service';
import { focalPointOfRequest } from '$lib/server/delegations/focal-point-request';
import { wantsVisaLetter } from '$lib/server/documents/visa-letter-request';
import { formFailure } from '$lib/server/form-failure';
import { answersFromForm, refusedWithAnswers } from '$lib/server/questions/answer-form';
import { formQuestionSet } from '$lib/server/questions/question.service';
import { formSettings } from '$lib/server/registrations/staff-edit.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

// The focal point registers a nominee on their behalf: the delegation is theirs, fixed; the
// event's questions are asked as on the person's own form.

function validKey(value: string | undefined): string | null {
	return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

export const load: PageServerLoad = async (request) => {
	const { event, delegation } = await focalPointOfRequest(request);
	const named = { id: delegation.id, name: delegationNameIn(delegation, getLocale()) };
	return {
		eventTitle: inLanguage(event, 'title', getLocale()),
		delegation: named,
		delegations: [named],
		form: formSettings(event),
		questions: (await formQuestionSet(event.id)).questions,
		photoPolicy: event.photo_policy,
		submissionKey: randomToken()
	};
};

export const actions: Actions = {
	default: async (request) => {
		const focal = await focalPointOfRequest(request);
		const form = await request.request.formData();
		const raw = formValues(form);
		raw.delegationId = String(focal.delegation.id);
		const values = keptRegistrationValues(raw);
		const submissionKey = validKey(raw.submissionKey) ?? randomToken();
		const parsed = registrationSchema({
			collectVisa: focal.event.collect_visa_support,
			delegationIds: [focal.delegation.id],
			timeZone: focal.event.time_zone,
			endsOn: focal.event.ends_on
		}).safeParse(raw);
		const answered = await answersFromForm(form, {
			set: await formQuestionSet(focal.event.id),
			category: raw.category,
			photo: { policy: focal.event.photo_policy, onFile: false }
		});
		if (!parsed.success || !answered.toSave) {
			return refusedWithAnswers(parsed, answered, values, { submissionKey });
		}
		let registered;
		try {
			registered = await registerNominee(
				focal,
				parsed.data,
				submissionKey,
				answered.toSave,
				wantsVisaLetter(raw.visaLetter, focal.event)
			);
		} catch (e) {
			return formFailure(e, values, { submissionKey, answers: answered.raw });
		}
		redirect(303, `/delegations/${request.params.token}?registered=${registered.reference}`);
	}
};
