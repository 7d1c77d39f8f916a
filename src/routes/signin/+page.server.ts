import { redirect } from '@sveltejs/kit';
import { signInRequestSchema } from '$lib/schemas/sign-in';
import { safeNext } from '$lib/server/auth/guards';
import { requestSignInLink, SIGN_IN_LINK_MINUTES } from '$lib/server/auth/sign-in-link.service';
import { formFailure } from '$lib/server/form-failure';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const next = safeNext(url.searchParams.get('next'), '/me');
	return {
		next,
		sent: url.searchParams.get('sent') === '1',
		minutes: SIGN_IN_LINK_MINUTES,
		signedInAs: locals.user?.email ?? null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, url } = event;
		const values = formValues(await request.formData());
		const kept = { email: values.email ?? '' };
		const next = safeNext(values.next ?? url.searchParams.get('next'), '/me');
		const parsed = signInRequestSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, kept);
		try {
			await requestSignInLink({
				email: parsed.data.email,
				ip: clientIp(event),
				next,
				language: event.locals.locale
			});
		} catch (error) {
			return formFailure(error, kept);
		}
		// The same answer whether or not the address is known.
		const query = new URLSearchParams({ sent: '1' });
		if (next !== '/me') query.set('next', next);
		redirect(303, `/signin?${query}`);
	}
};
