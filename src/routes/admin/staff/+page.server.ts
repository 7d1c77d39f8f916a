import { z } from 'zod';
import { newPassword, staffCreateSchema } from '$lib/schemas/auth';
import { requireAdmin } from '$lib/server/auth/guards';
import { generatePassword } from '$lib/server/auth/password';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import {
	createStaff,
	listStaffAccounts,
	resetStaffPassword,
	setStaffDisabled
} from '$lib/server/users/user.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireAdmin(locals, url);
	return { staff: await listStaffAccounts(actor) };
};

const userIdSchema = z.object({ userId: z.coerce.number().int().positive() });

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const values = formValues(await request.formData());
		const kept = {
			email: values.email ?? '',
			displayName: values.displayName ?? '',
			isAdmin: values.isAdmin ?? ''
		};
		const parsed = staffCreateSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, kept);
		const password = generatePassword();
		try {
			await createStaff(actor, { ...parsed.data, password });
		} catch (error) {
			return formFailure(error, kept);
		}
		return {
			created: { email: parsed.data.email, password },
			message: `Account created for ${parsed.data.email}. Give them this password once; they should change it after signing in.`
		};
	},
	disable: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const parsed = userIdSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFail(400, { message: 'Unknown account.' });
		try {
			await setStaffDisabled(actor, parsed.data.userId, true);
		} catch (error) {
			return formFailure(error);
		}
		return { message: 'Account disabled; its sessions have ended.' };
	},
	enable: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const parsed = userIdSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFail(400, { message: 'Unknown account.' });
		try {
			await setStaffDisabled(actor, parsed.data.userId, false);
		} catch (error) {
			return formFailure(error);
		}
		return { message: 'Account enabled.' };
	},
	reset: async ({ locals, request }) => {
		const actor = requireAdmin(locals, undefined, 'POST');
		const parsed = userIdSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFail(400, { message: 'Unknown account.' });
		const password = generatePassword();
		newPassword.parse(password);
		try {
			await resetStaffPassword(actor, parsed.data.userId, password);
		} catch (error) {
			return formFailure(error);
		}
		return {
			reset: { userId: parsed.data.userId, password },
			message: 'Password reset. Give the new password to its owner once.'
		};
	}
};
