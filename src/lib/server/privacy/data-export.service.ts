import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { personalAnswers } from '../questions/own-answers.service.ts';
import { decryptVisaData } from './pii.ts';
import {
	findAccount,
	listOwnAuditEntries,
	listOwnEmails,
	listOwnRegistrations,
	listOwnVisitSignups
} from './data-export.repository.ts';

// "Download my data" (/me/data.json): what Kaigi holds about the signed-in person, readable by
// them and by any program. Passport data is decrypted: it is theirs. Mail bodies are left out
// (sign-in mails hold one-time links; the rest repeats what is here); staff members who acted on
// a record are named by role, not by name, since they are other people.

type Registration = Awaited<ReturnType<typeof listOwnRegistrations>>[number];
type Signup = Awaited<ReturnType<typeof listOwnVisitSignups>>[number];

function passportOf(r: Registration) {
	if (!r.visa_data_enc) return null;
	try {
		const visa = decryptVisaData(r.visa_data_enc);
		return {
			number: visa.passportNumber,
			expiry: visa.passportExpiry,
			dateOfBirth: visa.dateOfBirth
		};
	} catch {
		return { unreadable: 'Stored encrypted; the key to read it is not available here.' };
	}
}

type Extras = Awaited<ReturnType<typeof personalAnswers>>;

function registrationOf(r: Registration, signups: Signup[], extras: Extras) {
	return {
		reference: r.reference,
		event: {
			code: r.event_code,
			title: r.event_title,
			startsOn: r.event_starts_on,
			endsOn: r.event_ends_on,
			city: r.event_city,
			personalDataPurgedAt: r.event_purged_at
		},
		status: r.status,
		category: r.category,
		delegation: r.delegation_name,
		honorific: r.honorific,
		givenName: r.given_name,
		familyName: r.family_name,
		nameOnBadge: r.badge_name,
		nameInOwnScript: r.native_name,
		position: r.position,
		organisation: r.organisation,
		email: r.email,
		phone: r.phone,
		nationality: r.nationality,
		passport: passportOf(r),
		dietary: r.dietary,
		dietaryNotes: r.dietary_notes,
		accessibilityNeeds: r.accessibility_needs,
		arrival: { at: r.arrival_at, flight: r.arrival_flight, airport: r.arrival_airport },
		departure: { at: r.departure_at, flight: r.departure_flight, airport: r.departure_airport },
		accommodation: r.accommodation,
		emergencyContact: r.emergency_contact,
		consents: {
			dataProcessing: r.consent_data_processing,
			emailInListOfParticipants: r.consent_email_in_list
		},
		declineReason: r.decline_reason,
		checkedInAt: r.checked_in_at,
		registeredAt: r.created_at,
		updatedAt: r.updated_at,
		answers: extras.get(r.id)?.answers ?? [],
		badgePhoto: extras.get(r.id)?.badgePhoto ?? null,
		fieldVisits: signups
			.filter((s) => s.registration_id === r.id)
			.map((s) => ({
				title: s.title,
				departsAt: s.departs_at,
				returnsAt: s.returns_at,
				meetingPoint: s.meeting_point,
				status: s.status,
				signedUpAt: s.created_at,
				updatedAt: s.updated_at
			}))
	};
}

/** Everything Kaigi holds about a person, as one JSON-ready object; null for an unknown user. */
export async function exportPersonalData(userId: number) {
	const account = await findAccount(db(), userId);
	if (!account) return null;
	const registrations = await listOwnRegistrations(db(), userId);
	const registrationIds = registrations.map((r) => r.id);
	const [signups, extras] = await Promise.all([
		listOwnVisitSignups(db(), registrationIds),
		personalAnswers(registrations)
	]);
	// Mail to them only: a notice to organisers about their registration is not theirs to read.
	const addresses = [...new Set([account.email, ...registrations.map((r) => r.email)])];
	const emails = await listOwnEmails(db(), addresses);
	const audit = await listOwnAuditEntries(db(), userId, {
		registrations: registrationIds,
		signups: signups.map((s) => s.id),
		emails: emails.map((e) => e.id)
	});
	const references = new Map(registrations.map((r) => [String(r.id), r.reference]));
	return {
		about:
			'Everything Kaigi holds about you: your account, your registrations (with passport data, decrypted), field visits, the e-mails sent to you and the record of changes to your data.',
		exportedAt: now(),
		account: {
			email: account.email,
			name: account.display_name,
			staffAccount: account.is_staff,
			createdAt: account.created_at
		},
		registrations: registrations.map((r) => registrationOf(r, signups, extras)),
		emails: emails.map((e) => ({
			to: e.recipient,
			subject: e.subject,
			kind: e.template,
			status: e.status,
			queuedAt: e.created_at,
			sentAt: e.sent_at,
			registration: e.registration_id ? (references.get(String(e.registration_id)) ?? null) : null
		})),
		changes: audit.map((a) => ({
			at: a.at,
			action: a.action,
			about:
				a.entity_type === 'registration'
					? `registration ${references.get(a.entity_id) ?? ''}`.trim()
					: a.entity_type === 'user'
						? 'your account'
						: a.entity_type.replaceAll('_', ' '),
			by:
				a.actor_user_id === userId
					? 'you'
					: a.actor_user_id === null
						? 'Kaigi (automatically)'
						: 'event staff',
			details: a.diff
		}))
	};
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof exportPersonalData>>>;
