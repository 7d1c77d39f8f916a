import { m } from '$lib/paraglide/messages.js';
import { delegationNameIn } from '$lib/domain/translations';
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { categoryText } from '$lib/domain/category';
import { dietaryText } from '$lib/domain/dietary';
import { japaneseOrderName, listName } from '$lib/domain/person-name';
import { optionalText } from '$lib/schemas/fields';
import { countryNameIn } from '$lib/countries';
import { formFailure } from '$lib/server/form-failure';
import { registrationHasPhoto } from '$lib/server/photos/photo.service';
import { answerItems, answersOf } from '$lib/server/questions/own-answers.service';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import { cancelRegistration } from '$lib/server/registrations/registration.service';
import { visaDataOf } from '$lib/server/registrations/registration.fields';
import { waitlistPosition } from '$lib/server/registrations/waitlist.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';
import { eventSummary } from '$lib/server/events/public-event.service';

/** "•••••567": only the last three characters, so a screen seen over a shoulder gives little away. */
function mask(value: string): string {
	return value.length <= 3
		? '•'.repeat(value.length)
		: `${'•'.repeat(value.length - 3)}${value.slice(-3)}`;
}

export const load: PageServerLoad = async (request) => {
	const locale = request.locals.locale ?? 'en';
	const { registration: r, event, delegation } = await requireOwnRegistration(request, 'GET');
	const showPassport = request.url.searchParams.get('show') === 'passport';
	const visa = event.collect_visa_support ? visaDataOf(r) : null;
	const shown = (v: string) => (showPassport ? v : mask(v));
	const active = r.status !== 'cancelled' && r.status !== 'declined';
	const eventOpen = event.status !== 'archived' && event.status !== 'cancelled';
	const [answers, onFile] = await Promise.all([answersOf(r), registrationHasPhoto(r)]);
	return {
		answers: {
			items: answerItems(answers, r.category),
			missing: active && eventOpen ? answers.missing : 0,
			asked: answers.questions.length > 0
		},
		photo: {
			policy: event.photo_policy,
			onFile,
			missing: active && eventOpen && event.photo_policy === 'required' && !onFile
		},
		event: {
			...eventSummary(event, locale),
			collectsVisa: event.collect_visa_support
		},
		registration: {
			reference: r.reference,
			status: r.status,
			category: categoryText(r.category),
			name: locale === 'ja' ? japaneseOrderName(r) : listName(r),
			badgeName: r.badge_name,
			nativeName: r.native_name,
			position: r.position,
			organisation: r.organisation,
			delegation: delegationNameIn(delegation, locale),
			email: r.email,
			phone: r.phone,
			nationality: r.nationality ? countryNameIn(r.nationality, locale) : null,
			dietary: dietaryText(r.dietary),
			dietaryNotes: r.dietary_notes,
			accessibilityNeeds: r.accessibility_needs,
			arrivalAt: r.arrival_at,
			arrivalFlight: r.arrival_flight,
			arrivalAirport: r.arrival_airport,
			departureAt: r.departure_at,
			departureFlight: r.departure_flight,
			departureAirport: r.departure_airport,
			accommodation: r.accommodation,
			emergencyContact: r.emergency_contact,
			consentEmailInList: r.consent_email_in_list,
			createdAt: r.created_at,
			updatedAt: r.updated_at,
			declineReason: r.decline_reason,
			waitlistPosition: await waitlistPosition(r)
		},
		passport: visa
			? {
					number: shown(visa.passportNumber),
					expiry: shown(visa.passportExpiry),
					dateOfBirth: shown(visa.dateOfBirth),
					shown: showPassport
				}
			: null,
		canEdit: active && eventOpen,
		canCancel: active && eventOpen,
		saved: ['1', 'answers'].includes(request.url.searchParams.get('saved') ?? ''),
		cancelled: request.url.searchParams.get('cancelled') === '1'
	};
};

const cancelSchema = z.object({
	confirm: z.literal('yes', { error: () => m.me_cancel_tick() }),
	reason: optionalText(500, () => m.sreg_s_reason())
});

export const actions: Actions = {
	cancel: async (request) => {
		const { registration, actor } = await requireOwnRegistration(request);
		const values = formValues(await request.request.formData());
		const parsed = cancelSchema.safeParse(values);
		const kept = { cancel: { reason: values.reason ?? '' } };
		if (!parsed.success) return formFailure(parsed.error, undefined, kept);
		try {
			await cancelRegistration(actor, registration.id, parsed.data.reason);
		} catch (error) {
			return formFailure(error, undefined, kept);
		}
		redirect(303, `/me/registrations/${registration.reference}?cancelled=1`);
	}
};
