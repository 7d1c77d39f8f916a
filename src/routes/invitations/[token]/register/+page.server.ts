import { redirect } from '@sveltejs/kit';
import { viewInvitation } from '$lib/server/invitations/invitation-response.service';
import { registerAction, registerFormData } from '$lib/server/registrations/register-flow';
import { inviteeDetails } from '../invitee-page';
import type { Actions, PageServerLoad } from './$types';

// Accepting an invitation is registering through it (register-flow.ts): the form is filled in
// from the invitation, its e-mail address, category (and delegation, when it names one) cannot
// be changed, and the invitation is marked accepted in the registration's own transaction.

type Open = Exclude<Awaited<ReturnType<typeof viewInvitation>>, { state: 'unknown' }>;

async function openOrRedirect(token: string): Promise<Open> {
	const view = await viewInvitation(token);
	if (view.state !== 'open') redirect(303, `/invitations/${encodeURIComponent(token)}`);
	return view;
}

function onForm({ invitation }: Open) {
	return {
		id: invitation.id,
		email: invitation.email,
		delegationId: invitation.delegation_id,
		category: invitation.category
	};
}

export const load: PageServerLoad = async ({ params, setHeaders, locals }) => {
	setHeaders({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' });
	const view = await openOrRedirect(params.token);
	const { invitation } = view;
	return {
		...inviteeDetails(view, locals.locale),
		...(await registerFormData(view.event, onForm(view), locals.locale)),
		token: params.token,
		email: invitation.email,
		prefill: {
			honorific: invitation.honorific ?? '',
			givenName: invitation.given_name ?? '',
			familyName: invitation.family_name,
			organisation: invitation.organisation,
			position: invitation.position,
			category: invitation.category,
			delegationId: invitation.delegation_id ? String(invitation.delegation_id) : ''
		}
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { token } = request.params;
		const view = await openOrRedirect(token);
		return registerAction(request, {
			event: view.event,
			invitation: onForm(view),
			done: () => `/invitations/${encodeURIComponent(token)}`
		});
	}
};
