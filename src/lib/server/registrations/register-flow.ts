import { m } from '../../paraglide/messages.js';
import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { splitLocalePath } from '../../i18n/locales.ts';
import { CATEGORIES, type Category } from '../../domain/category.ts';
import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { getLocale } from '../../paraglide/runtime.js';
import { fieldErrors } from '../../schemas/fields.ts';
import {
	keptRegistrationValues,
	registrationSchema,
	type RegistrationFormValues
} from '../../schemas/registration.ts';
import { randomToken } from '../auth/tokens.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError, statusOf } from '../errors.ts';
import { findEventBySlug, listDelegations } from '../events/event.repository.ts';
import { acceptInvitation } from '../invitations/invitation-response.service.ts';
import { answersFromForm } from '../questions/answer-form.ts';
import { formQuestionSet, formQuestions } from '../questions/question.service.ts';
import { clientIp, formValues } from '../request.ts';
import { registerDelegate, type RegisterResult } from './registration.service.ts';
import { rememberSubmission } from './submission-cookie.ts';
import { wantsVisaLetter } from '../documents/visa-letter-request.ts';

// One registration form for two audiences: anyone on an event's public page, and an invitee
// through their personal link. The routes say what differs — the event, the invitation (whose
// e-mail address and delegation the form cannot change) and where to go afterwards; the
// steps of sending the form are here, once.

/** What an invitation fixes on the form: the address, the delegation when it names one, the category. */
export type InvitationOnForm = {
	id: number;
	email: string;
	delegationId: number | null;
	category: Category;
};

export type RegisterPage = {
	event: Event;
	invitation?: InvitationOnForm;
	/** Where the person goes once registered. */
	done: (result: RegisterResult) => string;
};

/** What a refused form shows: the values typed, errors next to their fields, or one message. */
export type RegisterFailure = {
	values: RegistrationFormValues;
	selectedVisits: number[];
	submissionKey: string;
	errors: Record<string, string>;
	message: string | null;
	alreadyRegistered: boolean;
	/** The answers to the event's questions as typed. */
	answers: Record<string, string | string[] | undefined>;
};

// The key of a rendered form (randomToken() or a client's own): long enough to be unguessable.
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_VISITS = 20;

/** The event of a register page: any but a draft, which exists only for its staff. */
export async function eventForRegistration(slug: string): Promise<Event> {
	const event = await findEventBySlug(db(), slug);
	if (!event || event.status === 'draft') error(404, m.err_no_event());
	return event;
}

/**
 * The delegations a registration form offers (the invitation's own when it names one, else all),
 * named in the page's language.
 */
export async function delegationsOffered(event: Event, invitation?: InvitationOnForm) {
	const all = await listDelegations(db(), event.id);
	const fixed = all.find((d) => d.id === invitation?.delegationId);
	const locale = getLocale();
	return (fixed ? [fixed] : all).map((d) => ({ id: d.id, name: delegationNameIn(d, locale) }));
}

/** What a register page's load gives its form: choices, the event's settings and a new key. */
export async function registerFormData(
	event: Event,
	invitation?: InvitationOnForm,
	locale?: string | null
) {
	return {
		delegations: await delegationsOffered(event, invitation),
		categories: invitation ? [invitation.category] : CATEGORIES,
		questions: await formQuestions(event.id),
		photoPolicy: event.photo_policy,
		form: {
			timeZone: event.time_zone,
			endsOn: event.ends_on,
			collectVisa: event.collect_visa_support,
			privacyNotice: inLanguage(event, 'privacy_notice', locale)
		},
		// A new key for every rendered form: posting the same form twice registers once.
		submissionKey: randomToken()
	};
}

function chosenVisits(form: FormData): number[] {
	const ids = form
		.getAll('visitIds')
		.map((v) => Number(v))
		.filter((v) => Number.isSafeInteger(v) && v > 0);
	return [...new Set(ids)].slice(0, MAX_VISITS);
}

/**
 * The register action of either page: reads the form, checks it, registers (with the chosen
 * field visits, and accepting the invitation, in one transaction), shows any refusal on the
 * form with the values kept, and redirects once registered.
 */
export async function registerAction(
	request: RequestEvent,
	page: RegisterPage
): Promise<ActionFailure<RegisterFailure>> {
	const { event, invitation } = page;
	// Side by side: each post waits for one round trip, not three in a row (npm run bench).
	const [form, questions, delegations] = await Promise.all([
		request.request.formData(),
		formQuestionSet(event.id),
		delegationsOffered(event, invitation)
	]);
	const raw = formValues(form);
	if (invitation) {
		raw.email = invitation.email;
		if (invitation.delegationId) raw.delegationId = String(invitation.delegationId);
		raw.category = invitation.category;
	}
	const visitIds = chosenVisits(form);
	const answered = await answersFromForm(form, {
		set: questions,
		category: raw.category,
		photo: { policy: event.photo_policy, onFile: false }
	});
	const key =
		raw.submissionKey && SUBMISSION_KEY.test(raw.submissionKey) ? raw.submissionKey : null;
	const refuse = (
		status: number,
		errors: Record<string, string>,
		message: string | null,
		alreadyRegistered = false
	) =>
		fail(status, {
			values: keptRegistrationValues(raw),
			selectedVisits: visitIds,
			submissionKey: key ?? randomToken(),
			errors,
			message,
			alreadyRegistered,
			answers: answered.raw
		});

	const parsed = registrationSchema({
		collectVisa: event.collect_visa_support,
		delegationIds: delegations.map((d) => d.id),
		timeZone: event.time_zone,
		endsOn: event.ends_on,
		// The public form asks for the address twice; an invitation's address is fixed.
		confirmEmail: !invitation
	}).safeParse(raw);
	if (!parsed.success || !answered.toSave) {
		const errors = parsed.success ? {} : fieldErrors(parsed.error);
		return refuse(400, { ...errors, ...answered.errors }, null);
	}
	// Not a form this site rendered: without its key, a double click could register twice.
	if (!key) return refuse(400, {}, m.err_form_incomplete());

	let registered: RegisterResult;
	try {
		registered = await registerDelegate({
			eventId: event.id,
			values: parsed.data,
			submissionKey: key,
			visitIds,
			answers: answered.toSave,
			invitationId: invitation?.id ?? null,
			visaLetter: wantsVisaLetter(raw.visaLetter, event),
			onRegistered: invitation ? acceptInvitation(invitation.id) : undefined,
			ip: clientIp(request),
			language: request.locals.locale ?? 'en'
		});
	} catch (e) {
		if (!(e instanceof DomainError)) throw e;
		return refuse(
			statusOf(e),
			e.field ? { [e.field]: e.message } : {},
			e.field ? null : e.message,
			e.code === 'conflict' && e.field === 'email'
		);
	}
	const language = splitLocalePath(request.url.pathname).locale;
	rememberSubmission(request.cookies, event.slug, key, language ? `/${language}` : '');
	redirect(303, page.done(registered));
}
