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
function onAccount(run: (actor: Actor, userId: number) => Promise<unknown>, done: string) {
	return async ({ locals, request }: { locals: App.Locals; request: Request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const parsed = userIdSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFail(400, { message: 'Unknown account.' });
		try {
			await run(actor, parsed.data.userId);
		} catch (error) {
			return formFailure(error);
		}
		return { message: done };
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
			message: `Invitation sent to ${parsed.data.email}. The link to choose a password works once, for 72 hours.`
		};
	},
	disable: onAccount(
		(actor, id) => setStaffDisabled(actor, id, true),
		'Account disabled; its sessions have ended.'
	),
	enable: onAccount((actor, id) => setStaffDisabled(actor, id, false), 'Account enabled.'),
	reset: onAccount(
		sendResetLinkFor,
		'A link to choose a new password (valid 30 minutes) was sent to the account’s address.'
	),
	grantCreate: onAccount(
		(actor, id) => setCanCreateEvents(actor, id, true),
		'This account can now create events.'
	),
	revokeCreate: onAccount(
		(actor, id) => setCanCreateEvents(actor, id, false),
		'This account can no longer create events.'
	),
	resetFactor: onAccount(
		resetSecondFactor,
		'Second factor removed; the owner was told by e-mail and will set up a new one.'
	),
	settings: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const values = formValues(await request.formData());
		await setRequireSecondFactor(actor, values.requireSecondFactor === 'on');
		return { message: 'Security settings saved.' };
	}
};
