import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { verifyCodeSchema } from '$lib/schemas/document';
import { formFail, formFailure } from '$lib/server/form-failure';
import { normaliseCode } from '$lib/server/documents/verification-code';
import { verifyCredentialText } from '$lib/server/documents/verification.service';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions } from './$types';

// /verify: type the code printed on a document, or paste its signed credential.
export const actions: Actions = {
	code: async (request) => {
		const values = formValues(await request.request.formData());
		const parsed = verifyCodeSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, { code: values.code ?? '' });
		const code = normaliseCode(parsed.data.code);
		if (!code) {
			return formFail(400, {
				values: { code: parsed.data.code },
				errors: { code: m.ver_err_code_format() }
			});
		}
		redirect(303, `/verify/${code}`);
	},
	credential: async (request) => {
		const values = formValues(await request.request.formData());
		const jws = (values.credential ?? '').trim();
		if (!jws || jws.length > 20_000) {
			return formFail(400, {
				errors: { credential: m.ver_err_credential_paste() }
			});
		}
		try {
			return { verdict: await verifyCredentialText(jws, clientIp(request)) };
		} catch (e) {
			return formFailure(e);
		}
	}
};
