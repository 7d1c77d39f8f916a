import { delegationNameIn, inLanguage } from '$lib/domain/translations';
import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { CATEGORIES, categoryText } from '$lib/domain/category';
import { endorsementSchema, nominationSchema, substitutionSchema } from '$lib/schemas/delegation';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session.service';
import {
	delegationLinkState,
	delegationPage,
	designateHead,
	endorse,
	focalPointFor,
	nominate,
	openWithLink,
	sendFreshLink,
	substitute,
	uploadLetter,
	withdrawNomination
} from '$lib/server/delegations/delegation-page.service';
import {
	askVisaLetterForMember,
	delegationInvitationLetters,
	delegationVisaLetters
} from '$lib/server/delegations/delegation-documents.service';
import { missingIn } from '$lib/server/delegations/delegation-progress';
import { focalPointOfRequest } from '$lib/server/delegations/focal-point-request';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues, clientIp } from '$lib/server/request';
import { m } from '$lib/paraglide/messages.js';
import { formatDateTime, zoneLabel } from '$lib/time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// A focal point's delegation page. GET only looks at the link (mail scanners open links and
// must not use them up); "Open" uses it once and signs the focal point in. Every action checks
// that the signed-in person is this link's focal point.

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const link = await delegationLinkState(params.token, locals.user?.id ?? null);
	if (!link) error(404, m.fp_err_unknown_link());
	if (link.state !== 'owner') return { state: link.state, name: link.name, page: null };
	const context = await focalPointFor(params.token, locals.user?.id ?? null);
	const { event, delegation, focalPoint } = context;
	const locale = locals.locale ?? 'en';
	const view = await delegationPage(context);
	const [letters, invitationLetters] = await Promise.all([
		delegationVisaLetters(
			context,
			view.people.map((p) => p.id)
		),
		delegationInvitationLetters(context)
	]);

	return {
		state: link.state,
		name: focalPoint.name,
		page: {
			event: {
				title: inLanguage(event, 'title', locale),
				slug: event.slug,
				contact: event.contact_email,
				collectsVisa: event.collect_visa_support,
				deadline: event.nomination_deadline
					? formatDateTime(event.nomination_deadline, event.time_zone, true, locale)
					: null,
				zone: zoneLabel(event.time_zone, new Date(), locale)
			},
			delegation: { name: delegationNameIn(delegation, locale), code: delegation.code },
			...view,
			progress: view.progress && { ...view.progress, missing: missingIn(view.progress, locale) },
			people: view.people.map((p) => ({ ...p, visaLetter: letters.get(p.id) ?? null })),
			invitationLetters
		},
		categories: CATEGORIES.map((c) => ({ value: c, label: categoryText(c) }))
	};
};

const idSchema = z.object({
	id: z.coerce
		.number()
		.int()
		.positive()
		.max(2 ** 53)
});

async function withId(request: RequestEvent, form: string) {
	const parsed = idSchema.safeParse(formValues(await request.request.formData()));
	if (!parsed.success) {
		return { failure: formFail(400, { message: m.fp_err_unknown_person() }, { form }) };
	}
	return { id: parsed.data.id };
}

export const actions: Actions = {
	open: async (request) => {
		const { params, cookies, locals } = request;
		let session;
		try {
			session = await openWithLink(params.token, clientIp(request), locals.locale);
		} catch (e) {
			return formFailure(e, undefined, { form: 'open' });
		}
		if (locals.session) await invalidateSession(locals.session.id);
		setSessionCookie(cookies, session.token, session.expiresAt);
		redirect(303, `/delegations/${params.token}`);
	},
	resend: async (request) => {
		try {
			await sendFreshLink(request.params.token, clientIp(request));
		} catch (e) {
			return formFailure(e, undefined, { form: 'resend' });
		}
		return {
			form: 'resend',
			ok: true,
			message: m.fp_done_resend()
		};
	},
	nominate: async (request) => {
		const context = await focalPointOfRequest(request);
		const raw = formValues(await request.request.formData());
		const parsed = nominationSchema.safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, raw, { form: 'nominate' });
		try {
			await nominate(context, parsed.data);
		} catch (e) {
			return formFailure(e, raw, { form: 'nominate' });
		}
		return {
			form: 'nominate',
			ok: true,
			message: m.fp_done_nominated({ name: parsed.data.familyName, email: parsed.data.email })
		};
	},
	withdraw: async (request) => {
		const context = await focalPointOfRequest(request);
		const { id, failure } = await withId(request, 'people');
		if (failure) return failure;
		try {
			await withdrawNomination(context, id);
		} catch (e) {
			return formFailure(e, undefined, { form: 'people' });
		}
		return {
			form: 'people',
			ok: true,
			message: m.fp_done_withdrawn()
		};
	},
	head: async (request) => {
		const context = await focalPointOfRequest(request);
		const { id, failure } = await withId(request, 'people');
		if (failure) return failure;
		try {
			await designateHead(context, id);
		} catch (e) {
			return formFailure(e, undefined, { form: 'people' });
		}
		return { form: 'people', ok: true, message: m.fp_done_head() };
	},
	endorse: async (request) => {
		const context = await focalPointOfRequest(request);
		const raw = formValues(await request.request.formData());
		const parsed = endorsementSchema.safeParse(raw);
		if (!parsed.success)
			return formFailure(parsed.error, raw, {
				form: 'endorse',
				endorseFor: Number(raw.id) || null
			});
		try {
			await endorse(
				context,
				parsed.data.id,
				parsed.data.decision === 'endorse'
					? { endorse: true }
					: { endorse: false, reason: parsed.data.reason ?? '' }
			);
		} catch (e) {
			return formFailure(e, raw, { form: 'endorse', endorseFor: parsed.data.id });
		}
		return {
			form: 'people',
			ok: true,
			message: parsed.data.decision === 'endorse' ? m.fp_done_endorsed() : m.fp_done_not_endorsed()
		};
	},
	substitute: async (request) => {
		const context = await focalPointOfRequest(request);
		const raw = formValues(await request.request.formData());
		const id = idSchema.safeParse(raw);
		if (!id.success) {
			return formFail(400, { message: m.fp_err_unknown_person() }, { form: 'substitute' });
		}
		const parsed = substitutionSchema.safeParse(raw);
		if (!parsed.success) {
			return formFailure(parsed.error, raw, { form: 'substitute', substituteFor: id.data.id });
		}
		let done;
		try {
			done = await substitute(context, id.data.id, parsed.data);
		} catch (e) {
			return formFailure(e, raw, { form: 'substitute', substituteFor: id.data.id });
		}
		return {
			form: 'substitute',
			ok: true,
			message:
				'reference' in done
					? m.fp_done_replaced({ name: parsed.data.familyName, reference: done.reference })
					: m.fp_done_replacement_requested({ name: parsed.data.familyName })
		};
	},
	visaLetter: async (request) => {
		const context = await focalPointOfRequest(request);
		const { id, failure } = await withId(request, 'people');
		if (failure) return failure;
		let asked;
		try {
			asked = await askVisaLetterForMember(context, id);
		} catch (e) {
			return formFailure(e, undefined, { form: 'people' });
		}
		return {
			form: 'people',
			ok: true,
			message: m.fp_done_visa_asked({ name: asked.name })
		};
	},
	letter: async (request) => {
		const context = await focalPointOfRequest(request);
		const form = await request.request.formData();
		const file = form.get('letter');
		if (!(file instanceof File) || file.size === 0) {
			return formFail(400, { errors: { letter: m.fp_err_choose_letter() } }, { form: 'letter' });
		}
		try {
			await uploadLetter(context, {
				name: file.name,
				bytes: new Uint8Array(await file.arrayBuffer())
			});
		} catch (e) {
			return formFailure(e, undefined, { form: 'letter' });
		}
		return {
			form: 'letter',
			ok: true,
			message: m.fp_done_letter()
		};
	}
};
