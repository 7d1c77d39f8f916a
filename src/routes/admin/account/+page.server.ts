import { passwordChangeSchema } from '$lib/schemas/auth';
import { requireStaff } from '$lib/server/auth/guards';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { changeOwnPassword } from '$lib/server/users/user.service';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = requireStaff(locals, undefined, 'POST');
		const parsed = passwordChangeSchema.safeParse(formValues(await request.formData()));
		if (!parsed.success) return formFailure(parsed.error);
		try {
			await changeOwnPassword(actor.id, locals.session!.id, parsed.data);
		} catch (error) {
			return formFailure(error);
		}
		return { done: true };
	}
};
