import { passwordChangeSchema } from '$lib/schemas/auth';
import { requireStaff } from '$lib/server/auth/guards';
import { ownPasskeys, removePasskey } from '$lib/server/auth/passkey.service';
import {
	removeOwnSecondFactor,
	renewRecoveryCodes,
	secondFactorStatus
} from '$lib/server/auth/second-factor.service';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import {
	changeOwnPassword,
	ownSessions,
	signOutEverywhereElse
} from '$lib/server/users/user.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	return {
		account: { name: locals.user!.displayName, email: locals.user!.email },
		sessions: await ownSessions(actor, locals.session!.id),
		secondFactor: await secondFactorStatus(actor.id),
		passkeys: await ownPasskeys(actor)
	};
};

export const actions: Actions = {
	password: async ({ locals, request }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		const parsed = passwordChangeSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFailure(parsed.error);
		try {
			await changeOwnPassword(actor.id, locals.session!.id, parsed.data);
		} catch (error) {
			return formFailure(error);
		}
		return { done: 'Password changed. You have been signed out everywhere else.' };
	},
	signOutEverywhere: async ({ locals }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		await signOutEverywhereElse(actor, locals.session!.id);
		return { done: 'Signed out everywhere else. This browser stays signed in.' };
	},
	recoveryCodes: async ({ locals }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		try {
			return { recoveryCodes: await renewRecoveryCodes(actor) };
		} catch (error) {
			return formFailure(error);
		}
	},
	removePasskey: async ({ locals, request }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		try {
			await removePasskey(actor, formValues(await request.formData()).passkeyId ?? '');
		} catch (error) {
			return formFailure(error);
		}
		return { done: 'Passkey removed.' };
	},
	removeFactor: async ({ locals }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		await removeOwnSecondFactor(actor);
		return { done: 'Authenticator app removed.' };
	}
};
