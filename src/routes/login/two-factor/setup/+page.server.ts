import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { secondFactorSchema } from '$lib/schemas/auth';
import { requirePasswordSession, safeNext } from '$lib/server/auth/guards';
import { confirmTotpEnrolment, startTotpEnrolment } from '$lib/server/auth/second-factor.service';
import { isDomainError } from '$lib/server/errors';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

type Url = { pathname: string; search: string };

/** A finished staff session, or one that must enrol before anything else. */
function enrollingSession(locals: App.Locals, url: Url, method = 'GET') {
	const signedIn = requirePasswordSession(locals, url, method);
	if (!signedIn.session.staff && signedIn.session.awaiting !== 'enrolment') {
		error(403, m.login_srv_finish_first());
	}
	return signedIn;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, session } = enrollingSession(locals, url);
	const next = safeNext(url.searchParams.get('next'), session.staff ? '/admin/account' : '/admin');
	try {
		return { enrolment: await startTotpEnrolment(user), required: !session.staff, next };
	} catch (e) {
		if (isDomainError(e, 'conflict')) return { enrolment: null, required: false, next };
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const { user, session } = enrollingSession(locals, url, 'POST');
		const parsed = secondFactorSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFailure(parsed.error);
		try {
			const codes = await confirmTotpEnrolment({
				userId: user.id,
				sessionId: session.id,
				code: parsed.data.code
			});
			return { recoveryCodes: codes };
		} catch (e) {
			return formFailure(e);
		}
	}
};
