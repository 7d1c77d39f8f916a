import { z } from 'zod';
import { staffCreateSchema } from '$lib/schemas/auth';
import { sendResetLinkFor } from '$lib/server/auth/account-link.service';
import type { Actor } from '$lib/server/auth/actor';
import { requireAdmin } from '$lib/server/auth/guards';
import {
	resetSecondFactor,
	securitySettings,
	setRequireSecondFactor
} from '$lib/server/auth/second-factor.service';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import {
	inviteStaff,
	listStaffAccounts,
	setCanCreateEvents,
	setStaffDisabled
} from '$lib/server/users/user.service';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireAdmin(locals, url);
	const settings = await securitySettings(actor);
	return {
		staff: await listStaffAccounts(actor),
		requireSecondFactor: settings.require_second_factor
	};
};

const userIdSchema = z.object({
	userId: z.coerce
		.number()
		.int()
		.positive()
		.max(2 ** 53)
});

/** An action on one account: the admin, the account id from the form, one service call. */
function onAccount(run: (actor: Actor, userId: number) => Promise<unknown>, done: () => string) {
	return async ({ locals, request }: { locals: App.Locals; request: Request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const parsed = userIdSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFail(400, { message: m.staffadm_unknown() });
		try {
			await run(actor, parsed.data.userId);
		} catch (error) {
			return formFailure(error);
		}
		return { message: done() };
	};
}

export const actions: Actions = {
	/** Invites a staff member by e-mail: they choose their own password with a one-time link. */
	create: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const values = formValues(await request.formData());
		const kept = {
			email: values.email ?? '',
			displayName: values.displayName ?? '',
			isAdmin: values.isAdmin ?? '',
			createsEvents: values.createsEvents ?? ''
		};
		const parsed = staffCreateSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, kept);
		try {
			await inviteStaff(actor, parsed.data);
		} catch (error) {
			return formFailure(error, kept);
		}
		return {
			message: m.staffadm_invited({ email: parsed.data.email })
		};
	},
	disable: onAccount((actor, id) => setStaffDisabled(actor, id, true), m.staffadm_disabled_done),
	enable: onAccount((actor, id) => setStaffDisabled(actor, id, false), m.staffadm_enabled_done),
	reset: onAccount(sendResetLinkFor, m.staffadm_reset_done),
	grantCreate: onAccount((actor, id) => setCanCreateEvents(actor, id, true), m.staffadm_grant_done),
	revokeCreate: onAccount(
		(actor, id) => setCanCreateEvents(actor, id, false),
		m.staffadm_revoke_done
	),
	resetFactor: onAccount(resetSecondFactor, m.staffadm_factor_done),
	settings: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const values = formValues(await request.formData());
		await setRequireSecondFactor(actor, values.requireSecondFactor === 'on');
		return { message: m.staffadm_settings_done() };
	}
};
