import { redirect } from '@sveltejs/kit';
import { declineSchema } from '$lib/schemas/invitation';
import { formFailure } from '$lib/server/form-failure';
import {
	declineInvitation,
	viewInvitation
} from '$lib/server/invitations/invitation-response.service';
import { formValues } from '$lib/server/request';
import { inviteePage } from './invitee-page';
import type { Actions, PageServerLoad } from './$types';

// Opening the link shows the invitation and consumes nothing: mail scanners follow links.
export const load: PageServerLoad = async ({ params, setHeaders, locals }) => {
	setHeaders({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' });
	return inviteePage(await viewInvitation(params.token), locals.locale);
};

export const actions: Actions = {
	decline: async ({ params, request }) => {
		const values = formValues(await request.formData());
		const parsed = declineSchema.safeParse({ reason: values.reason ?? '' });
		const kept = { reason: values.reason ?? '' };
		if (!parsed.success) return formFailure(parsed.error, undefined, kept);
		try {
			await declineInvitation(params.token, parsed.data.reason);
		} catch (error) {
			return formFailure(error, undefined, kept);
		}
		redirect(303, `/invitations/${encodeURIComponent(params.token)}`);
	}
};
