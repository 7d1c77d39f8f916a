import { redirect } from '@sveltejs/kit';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { randomToken } from '$lib/server/auth/tokens';
import { requireEventAccess } from '$lib/server/events/access';
import { formFailure } from '$lib/server/form-failure';
import { answersFromForm, refusedWithAnswers } from '$lib/server/questions/answer-form';
import { formQuestionSet } from '$lib/server/questions/question.service';
import {
	asStaffEntry,
	delegationChoices,
	formSettings,
	registerOnBehalf
} from '$lib/server/registrations/staff-edit.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

function validKey(value: string | undefined): string | null {
	return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.correct');
	const asked = asStaffEntry(await formQuestionSet(event.id), event.photo_policy);
	return {
		delegations: await delegationChoices(actor, event.id),
		form: formSettings(event),
		questions: asked.set.questions,
		photoPolicy: asked.photoPolicy,
		// A new key for every rendered form: posting it twice enters the person once.
		submissionKey: randomToken()
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'registrations.correct');
		const form = await request.request.formData();
		const raw = formValues(form);
		const values = keptRegistrationValues(raw);
		const submissionKey = validKey(raw.submissionKey) ?? randomToken();
		const delegations = await delegationChoices(actor, event.id);
		const parsed = registrationSchema({
			collectVisa: event.collect_visa_support,
			delegationIds: delegations.map((d) => d.id),
			timeZone: event.time_zone,
			endsOn: event.ends_on
		}).safeParse(raw);
		// The same questions, rules and hidden-question rule as the person's own form, none required.
		const asked = asStaffEntry(await formQuestionSet(event.id), event.photo_policy);
		const answered = await answersFromForm(form, {
			set: asked.set,
			category: raw.category,
			photo: { policy: asked.photoPolicy, onFile: false }
		});
		if (!parsed.success || !answered.toSave) {
			return refusedWithAnswers(parsed, answered, values, { submissionKey });
		}
		let registered;
		try {
			registered = await registerOnBehalf(
				actor,
				event,
				parsed.data,
				submissionKey,
				answered.toSave
			);
		} catch (e) {
			return formFailure(e, values, { submissionKey, answers: answered.raw });
		}
		redirect(303, `/admin/events/${event.slug}/registrations/${registered.reference}?entered=1`);
	}
};
