import { formalAddressIn } from '$lib/domain/person-name';
import { countryNameIn } from '$lib/countries';
import { categoryText } from '$lib/domain/category';
import { delegationNameIn } from '$lib/domain/translations';
import { toLocale } from '$lib/i18n/locales';
import type { InviteeView } from '$lib/server/invitations/invitation-response.service';
import { eventSummary } from '$lib/server/events/public-event.service';

type KnownView = Exclude<InviteeView, { state: 'unknown' }>;

/** What the invitee's pages may show of a link. */
export function inviteePage(view: InviteeView, locale?: string | null) {
	return view.state === 'unknown' ? { state: 'unknown' as const } : inviteeDetails(view, locale);
}

/** The event summary and the person's own invitation, nothing more, in the page's language. */
export function inviteeDetails(view: KnownView, given?: string | null) {
	const { event, invitation } = view;
	const locale = toLocale(given) ?? 'en';
	return {
		state: view.state,
		closedReason: view.closedReason,
		event: { ...eventSummary(event, locale), country: countryNameIn(event.country, locale) },
		invitation: {
			name: formalAddressIn(invitation, locale),
			delegation:
				invitation.delegation_name === null
					? null
					: delegationNameIn(
							{
								name: invitation.delegation_name,
								kind: invitation.delegation_kind,
								country_code: invitation.delegation_country,
								translations: invitation.delegation_translations
							},
							locale
						),
			category: categoryText(invitation.category, locale),
			expiresAt: invitation.expires_at,
			respondedAt: invitation.responded_at,
			reference: invitation.registration_reference,
			registrationStatus: invitation.registration_status,
			message: invitation.personal_message
		}
	};
}
