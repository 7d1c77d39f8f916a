import { forgotPasswordSchema } from '$lib/schemas/auth';
import { requestPasswordReset } from '$lib/server/auth/account-link.service';
import { formFailure } from '$lib/server/form-failure';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData());
		const kept = { email: values.email ?? '' };
		const parsed = forgotPasswordSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, kept);
		try {
			await requestPasswordReset({ email: parsed.data.email, ip: clientIp(event) });
		} catch (error) {
			return formFailure(error, kept);
		}
		// The same answer whether or not a staff account has this address.
		return { sent: true, values: kept };
	}
};
