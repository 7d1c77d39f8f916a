import { inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { redirect } from '@sveltejs/kit';
import { formFail, formFailure } from '$lib/server/form-failure';
import { answersFromForm } from '$lib/server/questions/answer-form';
import { registrationHasPhoto } from '$lib/server/photos/photo.service';
import { answersOf, saveOwnAnswers } from '$lib/server/questions/own-answers.service';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import type { Actions, PageServerLoad } from './$types';

// The delegate answers the event's questions on their own registration: questions added after
// they registered are asked here, and any answer may be changed while the registration stands.

export const load: PageServerLoad = async (request) => {
	const { registration, event } = await requireOwnRegistration(request, 'GET');
	const [view, onFile] = await Promise.all([
		answersOf(registration),
		registrationHasPhoto(registration)
	]);
	const open =
		registration.status !== 'cancelled' &&
		registration.status !== 'declined' &&
		event.status !== 'archived' &&
		event.status !== 'cancelled';
	if (!open || (view.questions.length === 0 && event.photo_policy === 'off')) {
		redirect(303, `/me/registrations/${registration.reference}`);
	}
	return {
		event: { title: inLanguage(event, 'title', getLocale()) },
		reference: registration.reference,
		category: registration.category,
		questions: view.questions,
		values: view.raw,
		held: view.held,
		missing: view.missing,
		photo: {
			policy: event.photo_policy,
			onFile,
			missing: event.photo_policy === 'required' && !onFile
		}
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { registration, event, actor } = await requireOwnRegistration(request);
		const form = await request.request.formData();
		const [view, onFile] = await Promise.all([
			answersOf(registration),
			registrationHasPhoto(registration)
		]);
		const answered = await answersFromForm(form, {
			set: view,
			category: registration.category,
			held: new Set(view.held),
			photo: { policy: event.photo_policy, onFile }
		});
		if (!answered.toSave) {
			return formFail(400, { errors: answered.errors }, { answers: answered.raw });
		}
		try {
			await saveOwnAnswers(actor, registration, answered.toSave);
		} catch (error) {
			return formFailure(error, undefined, { answers: answered.raw });
		}
		redirect(303, `/me/registrations/${registration.reference}?saved=answers`);
	}
};
