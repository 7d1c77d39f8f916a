import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/fields';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { randomToken } from '$lib/server/auth/tokens';
import { db } from '$lib/server/db/database';
import { DomainError, statusOf } from '$lib/server/errors';
import { listDelegations } from '$lib/server/events/event.repository';
import {
	acceptInvitation,
	viewInvitation
} from '$lib/server/invitations/invitation-response.service';
import { registerDelegate } from '$lib/server/registrations/registration.service';
import { clientIp, formValues } from '$lib/server/request';
import { inviteeDetails } from '../invitee-page';
import type { Actions, PageServerLoad } from './$types';

// Accepting an invitation is registering through it: the form is filled in from the invitation,
// the e-mail address (and the delegation, when the invitation names one) come from the
// invitation whatever the browser sends, and the invitation is marked accepted in the
// registration's own transaction.

type Open = Exclude<Awaited<ReturnType<typeof viewInvitation>>, { state: 'unknown' }>;

async function openOrRedirect(token: string): Promise<Open> {
	const view = await viewInvitation(token);
	if (view.state !== 'open') redirect(303, `/invitations/${encodeURIComponent(token)}`);
	return view;
}

async function formContext(view: Open) {
	const all = await listDelegations(db(), view.event.id);
	const fixed = all.find((d) => d.id === view.invitation.delegation_id);
	const delegations = (fixed ? [fixed] : all).map((d) => ({ id: d.id, name: d.name }));
	return {
		delegations,
		form: {
			timeZone: view.event.time_zone,
			endsOn: view.event.ends_on,
			collectVisa: view.event.collect_visa_support,
			privacyNotice: view.event.privacy_notice
		}
	};
}

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' });
	const view = await openOrRedirect(params.token);
	const { invitation } = view;
	return {
		...inviteeDetails(view),
		...(await formContext(view)),
		token: params.token,
		email: invitation.email,
		submissionKey: randomToken(),
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
	default: async (event) => {
		const { params, request } = event;
		const view = await openOrRedirect(params.token);
		const { invitation } = view;
		const form = formValues(await request.formData());
		const values = {
			...form,
			email: invitation.email,
			...(invitation.delegation_id ? { delegationId: String(invitation.delegation_id) } : {})
		};
		const kept = keptRegistrationValues(values);
		const context = await formContext(view);
		const submissionKey = form.submissionKey ?? '';
		if (!/^[a-z2-7]{16,64}$/.test(submissionKey)) {
			return fail(400, { values: kept, message: 'The form was incomplete; please try again.' });
		}
		const parsed = registrationSchema({
			collectVisa: context.form.collectVisa,
			delegationIds: context.delegations.map((d) => d.id),
			timeZone: context.form.timeZone,
			endsOn: context.form.endsOn
		}).safeParse(values);
		if (!parsed.success) {
			return fail(400, { values: kept, errors: fieldErrors(parsed.error), submissionKey });
		}
		try {
			await registerDelegate({
				eventId: view.event.id,
				values: parsed.data,
				submissionKey,
				invitationId: invitation.id,
				ip: clientIp(event),
				onRegistered: acceptInvitation(invitation.id)
			});
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			const errors = error.field ? { [error.field]: error.message } : undefined;
			return fail(statusOf(error), {
				values: kept,
				errors,
				message: errors ? undefined : error.message,
				submissionKey
			});
		}
		redirect(303, `/invitations/${encodeURIComponent(params.token)}`);
	}
};
