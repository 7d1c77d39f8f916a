import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { safeNext } from '$lib/server/auth/guards';
import { invalidateSession } from '$lib/server/auth/session.service';
import { isSignInLinkUsable, signInWithLink } from '$lib/server/auth/sign-in-link.service';
import { formFailure } from '$lib/server/form-failure';
import { clientIp } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

// GET only looks at the token: mail scanners open links, and must not use them up.
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	return {
		usable: await isSignInLinkUsable(params.token),
		next: safeNext(url.searchParams.get('next'), '/me')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { params, url, cookies, locals } = event;
		let session;
		try {
			session = await signInWithLink(params.token, clientIp(event));
		} catch (error) {
			return formFailure(error);
		}
		// A new session id at every sign-in; the old one (if any) is ended.
		if (locals.session) await invalidateSession(locals.session.id);
		setSessionCookie(cookies, session.token, session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next'), '/me'));
	}
};
