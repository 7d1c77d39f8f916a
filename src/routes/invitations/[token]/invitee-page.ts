import { formalAddress } from '$lib/domain/person-name';
import { countryName } from '$lib/countries';
import { categoryLabel } from '$lib/domain/category';
import type { InviteeView } from '$lib/server/invitations/invitation-response.service';
import { eventSummary } from '$lib/server/events/public-event.service';

type KnownView = Exclude<InviteeView, { state: 'unknown' }>;

/** What the invitee's pages may show of a link. */
export function inviteePage(view: InviteeView, locale?: string | null) {
	return view.state === 'unknown' ? { state: 'unknown' as const } : inviteeDetails(view, locale);
}

/** The event summary and the person's own invitation, nothing more. */
export function inviteeDetails(view: KnownView, locale?: string | null) {
	const { event, invitation } = view;
	return {
		state: view.state,
		closedReason: view.closedReason,
		event: { ...eventSummary(event, locale), country: countryName(event.country) },
		invitation: {
			name: formalAddress(invitation),
			delegation: invitation.delegation_name,
			category: categoryLabel(invitation.category),
			expiresAt: invitation.expires_at,
			respondedAt: invitation.responded_at,
			reference: invitation.registration_reference,
			registrationStatus: invitation.registration_status,
			message: invitation.personal_message
		}
	};
}
