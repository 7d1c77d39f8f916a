import { m } from '$lib/paraglide/messages.js';
import { redirect } from '@sveltejs/kit';
import { requireSignedIn } from '$lib/server/auth/guards';
import { emailChangeSchema } from '$lib/schemas/email-change';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requestErasure } from '$lib/server/privacy/erasure.service';
import { requestEmailChange } from '$lib/server/registrations/email-change.service';
import { listOwnRegistrations } from '$lib/server/registrations/self-service.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireSignedIn(locals, url);
	return {
		email: user.email,
		name: user.displayName,
		registrations: await listOwnRegistrations(user.id, locals.locale ?? 'en'),
		erased: url.searchParams.get('erased') === '1',
		emailChanged: url.searchParams.get('email') === 'changed'
	};
};

export const actions: Actions = {
	/** The person asks to use another address: a confirmation link goes to that address. */
	changeEmail: async ({ locals, url, request }) => {
		const user = requireSignedIn(locals, url, 'POST');
		const raw = formValues(await request.formData());
		const values = {
			newEmail: raw.newEmail ?? '',
			newEmailConfirmation: raw.newEmailConfirmation ?? ''
		};
		// The typed addresses ride in `changeEmail`, the form's own state.
		const kept = { changeEmail: { values, sent: null } };
		const parsed = emailChangeSchema.safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, undefined, kept);
		try {
			await requestEmailChange(user, parsed.data.newEmail);
		} catch (e) {
			return formFailure(e, undefined, kept);
		}
		return { errors: {}, changeEmail: { values: null, sent: parsed.data.newEmail } };
	},
	/** The person asks for their personal data to be deleted (see PersonalData.svelte). */
	erase: async ({ locals, url, request }) => {
		const user = requireSignedIn(locals, url, 'POST');
		const values = formValues(await request.formData());
		if (values.confirm !== 'yes') {
			return formFail(400, {
				errors: { confirm: m.me_erase_tick() }
			});
		}
		await requestErasure(user);
		redirect(303, '/me?erased=1#personal-data');
	}
};
