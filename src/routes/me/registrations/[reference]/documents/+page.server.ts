import { inLanguage } from '$lib/domain/translations';
import { getLocale } from '$lib/paraglide/runtime.js';
import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { formFail, formFailure } from '$lib/server/form-failure';
import { emailOwnCertificate, ownDocuments } from '$lib/server/documents/document-access.service';
import { requestVisaLetter } from '$lib/server/documents/document.service';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { registration, event } = await requireOwnRegistration(request, 'GET');
	const documents = await ownDocuments(registration);
	const active = registration.status !== 'cancelled' && registration.status !== 'declined';
	return {
		event: {
			title: inLanguage(event, 'title', getLocale()),
			collectsVisa: event.collect_visa_support,
			timeZone: event.time_zone
		},
		reference: registration.reference,
		documents,
		canRequestVisa:
			event.collect_visa_support &&
			active &&
			!documents.some((d) => d.kind === 'visa_letter' && d.status !== 'void'),
		hasPassport: registration.visa_data_enc !== null,
		done: request.url.searchParams.get('done')
	};
};

export const actions: Actions = {
	/** The delegate asks for a visa support letter. */
	request: async (request) => {
		const { registration, event, actor } = await requireOwnRegistration(request, 'POST');
		try {
			await requestVisaLetter(actor, registration, event);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/me/registrations/${registration.reference}/documents?done=requested`);
	},
	/** The holder asks for their certificate by e-mail. */
	email: async (request) => {
		const { registration, event } = await requireOwnRegistration(request, 'POST');
		const id = Number(formValues(await request.request.formData()).id);
		if (!Number.isSafeInteger(id) || id <= 0)
			return formFail(400, { message: m.doc_choose_document() });
		try {
			await emailOwnCertificate(registration, event, id);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/me/registrations/${registration.reference}/documents?done=emailed`);
	}
};
