import { m } from '$lib/paraglide/messages.js';
import { passwordChangeSchema } from '$lib/schemas/auth';
import { requireStaff } from '$lib/server/auth/guards';
import { ownPasskeys, removePasskey } from '$lib/server/auth/passkey.service';
import {
	removeOwnSecondFactor,
	renewRecoveryCodes,
	secondFactorStatus
} from '$lib/server/auth/second-factor.service';
import { formFailure } from '$lib/server/form-failure';
import { ownNotificationModes } from '$lib/server/notifications/notification.service';
import { formValues } from '$lib/server/request';
import {
	changeOwnPassword,
	ownLanguage,
	ownSessions,
	setOwnLanguage,
	signOutEverywhereElse
} from '$lib/server/users/user.service';
import { redirect } from '@sveltejs/kit';
import { LANGUAGE_COOKIE, localizePath, toLocale } from '$lib/i18n/locales';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	return {
		account: { name: locals.user!.displayName, email: locals.user!.email },
		sessions: await ownSessions(actor, locals.session!.id),
		secondFactor: await secondFactorStatus(actor.id),
		passkeys: await ownPasskeys(actor),
		language: await ownLanguage(actor),
		notifications: await ownNotificationModes(actor)
	};
};

export const actions: Actions = {
	language: async ({ locals, request, cookies, url }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		const language = formValues(await request.formData()).language ?? '';
		try {
			await setOwnLanguage(actor, language);
		} catch (error) {
			return formFailure(error);
		}
		const locale = toLocale(language) ?? 'en';
		// This browser follows at once; the account keeps it for mail.
		cookies.set(LANGUAGE_COOKIE, locale, {
			path: '/',
			maxAge: 365 * 24 * 60 * 60,
			sameSite: 'lax',
			httpOnly: true,
			secure: url.protocol === 'https:'
		});
		redirect(303, `${localizePath('/admin/account', locale)}?language=saved`);
	},
	password: async ({ locals, request }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		const parsed = passwordChangeSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFailure(parsed.error);
		try {
			await changeOwnPassword(actor.id, locals.session!.id, parsed.data);
		} catch (error) {
			return formFailure(error);
		}
		return { done: m.acct_done_password() };
	},
	signOutEverywhere: async ({ locals }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		await signOutEverywhereElse(actor, locals.session!.id);
		return { done: m.acct_done_signed_out() };
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
		return { done: m.acct_done_passkey_removed() };
	},
	removeFactor: async ({ locals }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		try {
			await removeOwnSecondFactor(actor);
		} catch (error) {
			return formFailure(error);
		}
		return { done: m.acct_done_totp_removed() };
	}
};
