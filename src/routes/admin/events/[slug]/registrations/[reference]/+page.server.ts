import { delegationNameIn } from '$lib/domain/translations';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { optionalText, text } from '$lib/schemas/fields';
import { registrationAuditTrail } from '$lib/server/audit/event-audit.service';
import { formFail, formFailure } from '$lib/server/form-failure';
import { allows, requireEventAccess, type Capability } from '$lib/server/events/access';
import {
	cancelRegistration,
	decideRegistrations,
	eventRegistration,
	moveFromWaitlist
} from '$lib/server/registrations/registration.service';
import { decideChangeRequest } from '$lib/server/registrations/change-request.service';
import { registrationNotes } from '$lib/server/registrations/registration-review.service';
import { registrationHasPhoto, rejectPhoto } from '$lib/server/photos/photo.service';
import { staffAnswerItems } from '$lib/server/questions/own-answers.service';
import { revealVisaData } from '$lib/server/registrations/visa.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function registrationOf(
	request: RequestEvent | Parameters<PageServerLoad>[0],
	capability: Capability
) {
	const access = await requireEventAccess(request, capability);
	const found = await eventRegistration(
		access.actor,
		access.event.id,
		request.params.reference,
		capability
	);
	if (!found) error(404, m.sreg_s_no_such());
	return { ...access, registration: found.registration, delegation: found.delegation };
}

// Typed text like any other field: trimmed, NFC, no control characters (a NUL cannot be stored).
// Told to the person: why their photo cannot be printed on a badge.
const photoReasonSchema = z.object({ photoReason: text(500, () => m.sreg_s_the_reason()) });

const reasonSchema = z.object({
	reason: optionalText(1000, () => m.sreg_s_reason()).transform((v) => v ?? '')
});

export const load: PageServerLoad = async (request) => {
	const {
		registration: r,
		delegation,
		role,
		actor,
		event
	} = await registrationOf(request, 'registrations.view');
	const audit = await registrationAuditTrail(actor, event, r);
	return {
		// Secrets stay on the server: passport data is shown only through the audited action.
		registration: { ...r, visa_data_enc: null, submission_key: null, calendar_token_hash: null },
		hasVisaData: r.visa_data_enc !== null,
		delegation: { code: delegation.code, name: delegationNameIn(delegation, getLocale()) },
		audit,
		canManage: allows(role, 'registrations.decide'),
		canCorrect: allows(role, 'registrations.correct'),
		notes: await registrationNotes(actor, r),
		answers: await staffAnswerItems(actor, r),
		hasPhoto: await registrationHasPhoto(r),
		photoPolicy: event.photo_policy,
		done: request.url.searchParams.has('corrected')
			? m.sreg_s_corrected()
			: request.url.searchParams.has('entered')
				? m.sreg_s_entered()
				: null
	};
};

export const actions: Actions = {
	passport: async (request) => {
		const { registration, actor } = await registrationOf(request, 'passport.view');
		const passport = await revealVisaData(actor, registration);
		return { action: 'passport', passport };
	},
	cancel: async (request) => {
		const { registration, actor } = await registrationOf(request, 'registrations.decide');
		const parsed = reasonSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFailure(parsed.error, undefined, { action: 'cancel' });
		try {
			await cancelRegistration(actor, registration.id, parsed.data.reason);
		} catch (e) {
			return formFailure(e, undefined, { action: 'cancel' });
		}
		return { action: 'cancel', done: m.sreg_s_cancelled() };
	},
	rejectPhoto: async (request) => {
		const { registration, actor } = await registrationOf(request, 'registrations.correct');
		const values = formValues(await request.request.formData());
		const parsed = photoReasonSchema.safeParse(values);
		if (!parsed.success) {
			return formFailure(
				parsed.error,
				{ photoReason: values.photoReason ?? '' },
				{
					action: 'rejectPhoto'
				}
			);
		}
		try {
			await rejectPhoto(actor, registration, parsed.data.photoReason);
		} catch (e) {
			return formFailure(e, undefined, { action: 'rejectPhoto' });
		}
		return {
			action: 'rejectPhoto',
			done: m.sreg_s_photo_removed()
		};
	},
	promote: async (request) => {
		const { registration, actor } = await registrationOf(request, 'registrations.decide');
		try {
			await moveFromWaitlist(actor, registration.id);
		} catch (e) {
			return formFailure(e, undefined, { action: 'promote' });
		}
		return {
			action: 'promote',
			done: m.sreg_s_promoted()
		};
	},
	approveChange: async (request) => {
		const { registration, actor } = await registrationOf(request, 'registrations.decide');
		try {
			await decideChangeRequest(actor, registration.id, 'approve');
		} catch (e) {
			return formFailure(e, undefined, { action: 'change' });
		}
		return { action: 'change', done: m.sreg_s_change_approved() };
	},
	refuseChange: async (request) => {
		const { registration, actor } = await registrationOf(request, 'registrations.decide');
		const parsed = reasonSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFailure(parsed.error, undefined, { action: 'change' });
		try {
			await decideChangeRequest(actor, registration.id, 'refuse', parsed.data.reason);
		} catch (e) {
			return formFailure(e, undefined, { action: 'change' });
		}
		return { action: 'change', done: m.sreg_s_change_refused() };
	},
	decide: async (request) => {
		const { registration, actor, event } = await registrationOf(request, 'registrations.decide');
		const values = formValues(await request.request.formData());
		const decision = z.enum(['approve', 'waitlist', 'decline']).safeParse(values.decision);
		const parsed = reasonSchema.safeParse(values);
		if (!decision.success) {
			return formFail(400, { message: m.sreg_s_choose_decision() }, { action: 'decide' });
		}
		if (!parsed.success) return formFailure(parsed.error, undefined, { action: 'decide' });
		try {
			const counts = await decideRegistrations(
				actor,
				event.id,
				[registration.id],
				decision.data,
				parsed.data.reason
			);
			const done = counts.confirmed
				? m.sreg_s_approved()
				: counts.waitlisted
					? decision.data === 'approve'
						? m.sreg_s_no_seat()
						: m.sreg_s_waitlisted()
					: counts.declined
						? m.sreg_s_declined()
						: m.sreg_s_nothing();
			return {
				action: 'decide',
				done: `${done} ${counts.confirmed + counts.waitlisted + counts.declined ? m.sreg_s_emailed() : ''}`.trim()
			};
		} catch (e) {
			return formFailure(e, undefined, { action: 'decide' });
		}
	}
};
