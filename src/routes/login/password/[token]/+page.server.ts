import { redirect } from '@sveltejs/kit';
import { passwordSetSchema } from '$lib/schemas/auth';
import { accountLinkOwner, setPasswordWithLink } from '$lib/server/auth/account-link.service';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { afterPassword } from '$lib/server/auth/guards';
import { openPasswordSession } from '$lib/server/auth/login.service';
import { formFailure } from '$lib/server/form-failure';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

// A one-time link from an invitation or a password reset: GET only looks (mail scanners follow
// links); the POST uses it and sets the person's own password.

export const load: PageServerLoad = async ({ params }) => {
	return { owner: await accountLinkOwner(params.token) };
};

export const actions: Actions = {
	default: async (event) => {
		const { params, request, cookies } = event;
		const parsed = passwordSetSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFailure(parsed.error);
		let used;
		try {
			used = await setPasswordWithLink(params.token, parsed.data.newPassword, clientIp(event));
		} catch (error) {
			return formFailure(error);
		}
		// A reset goes through the sign-in page (and its second factor); an invitation opens the
		// new account at once.
		if (used.purpose === 'password_reset') redirect(303, '/login?reset=1');
		const session = await openPasswordSession(used.userId, clientIp(event));
		setSessionCookie(cookies, session.token, session.expiresAt);
		redirect(303, afterPassword(session.awaiting, '/admin'));
	}
};
