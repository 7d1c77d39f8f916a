import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session.service';
import { confirmEmailChange, emailChangeFor } from '$lib/server/registrations/email-change.service';
import { formFailure } from '$lib/server/form-failure';
import type { Actions, PageServerLoad } from './$types';

// GET only looks at the token: mail scanners open links, and must not use them up.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	return { newEmail: await emailChangeFor(params.token) };
};

export const actions: Actions = {
	default: async ({ params, cookies, locals }) => {
		let confirmed;
		try {
			confirmed = await confirmEmailChange(params.token);
		} catch (error) {
			return formFailure(error);
		}
		if (confirmed.session) {
			// The registrations now belong to the account of the new address: continue as it.
			if (locals.session) await invalidateSession(locals.session.id);
			setSessionCookie(cookies, confirmed.session.token, confirmed.session.expiresAt);
		}
		redirect(303, '/me?email=changed#email-address');
	}
};
