import { m } from '$lib/paraglide/messages.js';
import { redirect } from '@sveltejs/kit';
import { loginSchema } from '$lib/schemas/auth';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { afterPassword, safeNext } from '$lib/server/auth/guards';
import { loginWithPassword } from '$lib/server/auth/login.service';
import { invalidateSession } from '$lib/server/auth/session.service';
import { formFailure } from '$lib/server/form-failure';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.session?.staff) redirect(303, safeNext(url.searchParams.get('next'), '/admin'));
	return {
		notice: url.searchParams.has('reset') ? m.login_password_changed() : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, url, cookies, locals } = event;
		const values = formValues(await request.formData());
		const kept = { email: values.email ?? '' };
		const parsed = loginSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, kept);
		let awaiting: 'second_factor' | 'enrolment' | null;
		try {
			const session = await loginWithPassword({ ...parsed.data, ip: clientIp(event) });
			// A new session id at every sign-in; the old one (if any) is ended.
			if (locals.session) await invalidateSession(locals.session.id);
			setSessionCookie(cookies, session.token, session.expiresAt);
			awaiting = session.awaiting;
		} catch (error) {
			return formFailure(error, kept);
		}
		redirect(303, afterPassword(awaiting, safeNext(url.searchParams.get('next'), '/admin')));
	}
};
