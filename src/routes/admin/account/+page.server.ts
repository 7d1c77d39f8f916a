import { fail } from '@sveltejs/kit';
import { passwordChangeSchema } from '$lib/schemas/auth';
import { fieldErrors } from '$lib/schemas/fields';
import { requireStaff } from '$lib/server/auth/guards';
import { DomainError, statusOf } from '$lib/server/errors';
import { formValues } from '$lib/server/request';
import { changeOwnPassword } from '$lib/server/users/user.service';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		const parsed = passwordChangeSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
		try {
			await changeOwnPassword(actor.id, locals.session!.id, parsed.data);
		} catch (error) {
			if (error instanceof DomainError) {
				return fail(statusOf(error), { errors: { [error.field ?? 'form']: error.message } });
			}
			throw error;
		}
		return { done: true };
	}
};
