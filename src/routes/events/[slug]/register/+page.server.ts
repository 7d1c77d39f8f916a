import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/fields';
import { keptRegistrationValues, registrationSchema } from '$lib/schemas/registration';
import { randomToken } from '$lib/server/auth/tokens';
import { now } from '$lib/server/clock';
import { db } from '$lib/server/db/database';
import type { Event } from '$lib/server/db/schema';
import { DomainError, statusOf } from '$lib/server/errors';
import { findEventBySlug, listDelegations } from '$lib/server/events/event.repository';
import { publicFormBlocked } from '$lib/server/registrations/registration.rules';
import { registerDelegate } from '$lib/server/registrations/registration.service';
import { visitChoices } from '$lib/server/visits/delegate-visits';
import { signUp } from '$lib/server/visits/visit.service';
import { rememberSubmission } from '$lib/server/registrations/submission-cookie';
import { clientIp, formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

async function publicEvent(slug: string): Promise<Event> {
	const event = await findEventBySlug(db(), slug);
	if (!event || event.status === 'draft') error(404, 'No such event');
	return event;
}

function validKey(value: string | undefined): string | null {
	return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const event = await publicEvent(params.slug);
	const delegations = await listDelegations(db(), event.id);
	const visits = (
		await visitChoices({ id: null, event_id: event.id, category: 'delegate' })
	).filter((v) => !v.departed);
	return {
		visits,
		event: {
			slug: event.slug,
			title: event.title,
			startsOn: event.starts_on,
			endsOn: event.ends_on,
			venue: event.venue,
			city: event.city,
			country: event.country,
			timeZone: event.time_zone,
			mode: event.registration_mode,
			collectVisa: event.collect_visa_support,
			privacyNotice: event.privacy_notice,
			contactEmail: event.contact_email,
			full: event.capacity !== null && event.seats_taken >= event.capacity
		},
		blocked: publicFormBlocked(event, now()),
		delegations: delegations.map((d) => ({ id: d.id, name: d.name })),
		// A new key for every rendered form: posting the same form twice registers once.
		submissionKey: randomToken(),
		signedInEmail: locals.user?.email ?? null
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { params, cookies } = request;
		const event = await publicEvent(params.slug);
		const delegations = await listDelegations(db(), event.id);
		const form = await request.request.formData();
		const raw = formValues(form);
		const visitIds = [
			...new Set(
				form
					.getAll('visitIds')
					.map((v) => Number(v))
					.filter((v) => Number.isSafeInteger(v) && v > 0)
			)
		].slice(0, 20);
		const values = keptRegistrationValues(raw);
		const submissionKey = validKey(raw.submissionKey) ?? randomToken();
		const schema = registrationSchema({
			collectVisa: event.collect_visa_support,
			delegationIds: delegations.map((d) => d.id),
			timeZone: event.time_zone,
			endsOn: event.ends_on,
			confirmEmail: true
		});
		const parsed = schema.safeParse(raw);
		if (!parsed.success) {
			return fail(400, {
				values,
				selectedVisits: visitIds,
				submissionKey,
				errors: fieldErrors(parsed.error),
				message: null,
				alreadyRegistered: false
			});
		}
		let registered;
		try {
			registered = await registerDelegate({
				eventId: event.id,
				values: parsed.data,
				submissionKey,
				ip: clientIp(request)
			});
		} catch (e) {
			if (!(e instanceof DomainError)) throw e;
			return fail(statusOf(e), {
				values,
				selectedVisits: visitIds,
				submissionKey,
				errors: e.field ? { [e.field]: e.message } : {},
				message: e.field ? null : e.message,
				alreadyRegistered: e.code === 'conflict' && e.field === 'email'
			});
		}
		rememberSubmission(cookies, event.slug, submissionKey);
		// Chosen field visits are booked once the registration holds a seat, each in its own
		// transaction: a full or clashing visit must not undo the registration itself.
		let visitsSkipped = visitIds.length > 0 && registered.status !== 'confirmed';
		if (registered.status === 'confirmed' && !registered.duplicate) {
			for (const visitId of visitIds) {
				try {
					await signUp(registered.registrationId, visitId);
				} catch (e) {
					if (!(e instanceof DomainError)) throw e;
					visitsSkipped = true;
				}
			}
		}
		redirect(303, `/events/${event.slug}/register/done${visitsSkipped ? '?visits=later' : ''}`);
	}
};
