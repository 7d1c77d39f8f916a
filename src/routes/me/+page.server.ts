import { redirect } from '@sveltejs/kit';
import { requireSignedIn } from '$lib/server/auth/guards';
import { requestErasure } from '$lib/server/privacy/erasure.service';
import { listOwnRegistrations } from '$lib/server/registrations/self-service.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';
import { formFail } from '$lib/server/form-failure';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireSignedIn(locals, url);
	return {
		email: user.email,
		name: user.displayName,
		registrations: await listOwnRegistrations(user.id),
		erased: url.searchParams.get('erased') === '1'
	};
};

export const actions: Actions = {
	/** The person asks for their personal data to be deleted (see PersonalData.svelte). */
	erase: async ({ locals, url, request }) => {
		const user = requireSignedIn(locals, url, 'POST');
		const values = formValues(await request.formData());
		if (values.confirm !== 'yes') {
			return formFail(400, {
				errors: { confirm: 'Tick the box to confirm that you want your personal data deleted.' }
			});
		}
		await requestErasure(user);
		redirect(303, '/me?erased=1#personal-data');
	}
};
