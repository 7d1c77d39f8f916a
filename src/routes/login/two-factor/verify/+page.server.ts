import { redirect } from '@sveltejs/kit';
import { secondFactorSchema } from '$lib/schemas/auth';
import { requirePasswordSession, safeNext } from '$lib/server/auth/guards';
import { secondFactorStatus, verifySecondFactor } from '$lib/server/auth/second-factor.service';
import { formFailure } from '$lib/server/form-failure';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, session } = requirePasswordSession(locals, url);
	if (session.awaiting !== 'second_factor') {
		redirect(303, safeNext(url.searchParams.get('next'), '/admin'));
	}
	const factors = await secondFactorStatus(user.id);
	return {
		totp: factors.totp,
		passkey: factors.passkey,
		recoveryCodes: factors.recoveryCodesLeft > 0
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, url, request } = event;
		const { user, session } = requirePasswordSession(locals, url, 'POST');
		const parsed = secondFactorSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFailure(parsed.error);
		if (session.awaiting === 'second_factor') {
			try {
				await verifySecondFactor({
					userId: user.id,
					sessionId: session.id,
					code: parsed.data.code,
					ip: clientIp(event)
				});
			} catch (error) {
				return formFailure(error);
			}
		}
		redirect(303, safeNext(url.searchParams.get('next'), '/admin'));
	}
};
