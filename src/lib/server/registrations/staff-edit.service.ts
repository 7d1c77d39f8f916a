import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { toLocale } from '../../i18n/locales.ts';
import { getLocale } from '../../paraglide/runtime.js';
import type { Transaction } from 'kysely';
import { changeLines, NOTIFIED_FIELDS } from '../../registration-changes.ts';
import type { QuestionSet } from '../../schemas/questions.ts';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { formatDateTime } from '../../time.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Event, Registration } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { PhotoPolicy } from '../photos/photo.service.ts';
import { findDelegationById } from '../events/delegation.repository.ts';
import { delegationsNamed } from '../events/delegation.service.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { correctionMail } from '../mail/templates/registration-changes.ts';
import { formalAddressIn } from '../../domain/person-name.ts';
import { setRegistrationOwner } from './corrections.repository.ts';
import { visaDataOf } from './registration.fields.ts';
import {
	auditAnswers,
	saveAnswersWithin,
	type AnswersToSave
} from '../questions/answer.service.ts';
import { findOrCreateUser } from '../users/user.repository.ts';
import { findRegistrationById } from './registration.repository.ts';
import { registerDelegate, type RegisterResult } from './registration.service.ts';
import {
	updateRegistrationWithin,
	withEmailConflict,
	type UpdateOutcome
} from './update.service.ts';

// The secretariat's corrections to the List of Participants: any field of a registration, with
// the delegate's own validation (the route parses the same schema), the change audited under
// the staff member's name, and the delegate told when their name, address or delegation changed.

type Trx = Transaction<Database>;

export type { Event, Registration };

/** Staff correct a registration saved at `expectedVersion`; returns the changes as people read them. */
export async function correctRegistration(
	actor: Actor,
	registrationId: number,
	expectedVersion: number,
	values: RegistrationInput,
	/** The answers to the event's questions (and a new badge photo), when the form carried them. */
	answers?: AnswersToSave,
	/** Why a new badge photo replaces the one on file, told to the person. */
	photoReason = ''
): Promise<string[]> {
	return withEmailConflict(() =>
		db()
			.transaction()
			.execute(async (trx) => {
				const found = await findRegistrationById(trx, registrationId);
				if (!found) throw new DomainError('not_found', m.err_no_registration());
				await assertCan(actor, found.event_id, 'registrations.correct', trx);
				const outcome = await updateRegistrationWithin(
					trx,
					actor,
					registrationId,
					expectedVersion,
					values,
					{ whenFull: 'refuse' }
				);
				const { before } = outcome;
				let after = outcome.after;
				if (before.email !== after.email) {
					// The registration belongs to whoever signs in with its address.
					const owner = await findOrCreateUser(trx, after.email, after.badge_name);
					await setRegistrationOwner(trx, after.id, owner);
					after = { ...after, user_id: owner };
				}
				// Under the event lock updateRegistrationWithin took: a choice's places stay exact.
				const answered = answers ? await saveStaffAnswers(trx, actor, after, answers) : [];
				// The face on the badge is the person's: they are told (in their language) when staff
				// replace it.
				const told = toLocale(after.language) ?? 'en';
				const replaced = m.chg_photo_replaced({}, { locale: told });
				const photoLine = photoReason ? `${replaced} (${photoReason})` : replaced;
				await tellDelegate(trx, outcome, answers?.photo ? [photoLine] : []);
				// What the page says was saved, in the staff member's language.
				const locale = getLocale();
				return [
					...changeLines(
						outcome.diff,
						(at) => formatDateTime(new Date(at), outcome.event.time_zone, true, locale),
						locale
					),
					...answered
				];
			})
	);
}

/** Staff save a registration's answers for the person; returns the questions whose answer changed. */
async function saveStaffAnswers(
	trx: Trx,
	actor: Actor,
	registration: Registration,
	answers: AnswersToSave
): Promise<string[]> {
	const owner = { id: registration.id, eventId: registration.event_id };
	const { changed } = await saveAnswersWithin(
		trx,
		{ ...owner, userId: registration.user_id, holdsPlaces: true },
		answers,
		now(),
		actor.id
	);
	await auditAnswers(trx, actor.id, owner, changed);
	return changed;
}

/**
 * Mails the delegate (both addresses when the address changed) about a correction of name,
 * address or delegation, and about `more` changes told in words (a badge photo replaced).
 */
async function tellDelegate(
	trx: Trx,
	{ event, before, after, diff }: UpdateOutcome,
	more: string[] = []
) {
	const notified = Object.fromEntries(
		Object.entries(diff).filter(([field]) => (NOTIFIED_FIELDS as readonly string[]).includes(field))
	);
	const locale = toLocale(after.language) ?? 'en';
	if (notified.delegation) {
		// The delegations as the person reads them, in the language of their mail.
		const named = async (id: number) => {
			const delegation = await findDelegationById(trx, id);
			return delegation ? delegationNameIn(delegation, locale) : '';
		};
		notified.delegation = {
			from: await named(before.delegation_id),
			to: await named(after.delegation_id)
		};
	}
	const changes = [...changeLines(notified, (at) => at, locale), ...more];
	if (changes.length === 0) return;
	const send = async (registration: Registration, to: string, newAddress?: string) =>
		enqueueEmail(trx, {
			...correctionMail({
				eventTitle: inLanguage(event, 'title', registration.language),
				reference: after.reference,
				name: formalAddressIn(registration, toLocale(registration.language) ?? 'en'),
				locale: toLocale(registration.language) ?? 'en',
				contactEmail: event.contact_email,
				changes,
				newAddress
			}),
			to,
			template: 'registration-corrected',
			dedupeKey: `registration-${after.id}-corrected-v${after.version}${newAddress ? '-old' : ''}`,
			eventId: event.id,
			registrationId: after.id
		});
	await send(after, after.email);
	if (before.email !== after.email) await send(before, before.email, after.email);
}

/** Staff register a person on their behalf: no window, no review; the entry records who made it. */
export async function registerOnBehalf(
	actor: Actor,
	event: Pick<Event, 'id'>,
	values: RegistrationInput,
	submissionKey: string,
	answers?: AnswersToSave
): Promise<RegisterResult> {
	await assertCan(actor, event.id, 'registrations.correct');
	try {
		return await registerDelegate({
			eventId: event.id,
			values,
			submissionKey,
			answers,
			enteredBy: actor.id
		});
	} catch (error) {
		if (error instanceof DomainError && error.code === 'conflict' && error.field === 'email') {
			throw new DomainError('conflict', m.err_staff_email_taken(), 'email');
		}
		throw error;
	}
}

/** The delegations a registration form offers, in display order. */
export async function delegationChoices(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'registrations.correct');
	return (await delegationsNamed(eventId)).map(({ id, name }) => ({ id, name }));
}

/** What the registration form needs of the event, its privacy notice in the page's language. */
export function formSettings(event: Event) {
	return {
		timeZone: event.time_zone,
		endsOn: event.ends_on,
		collectVisa: event.collect_visa_support,
		privacyNotice: inLanguage(event, 'privacy_notice', getLocale())
	};
}

/**
 * The event's questions and badge photo as staff are asked them: they enter what the delegation
 * sent, which is often not everything, so nothing there is required of them (the person's own
 * page still asks for what is missing). The kept schemas get their own key.
 */
export function asStaffEntry<S extends QuestionSet>(
	set: S,
	photoPolicy: PhotoPolicy
): { set: S; photoPolicy: PhotoPolicy } {
	return {
		set: {
			...set,
			questions: set.questions.map((q) => (q.required ? { ...q, required: false } : q)),
			schemaKey: `${set.schemaKey}/staff`
		},
		photoPolicy: photoPolicy === 'required' ? 'optional' : photoPolicy
	};
}

const PASSPORT_FIELDS = ['passportNumber', 'passportExpiry', 'dateOfBirth'] as const;

/**
 * The correction form never shows passport details (seeing them is a separate, audited
 * action): left empty, the stored ones are kept; typed, all three replace them.
 */
export function keepStoredPassport(
	raw: Record<string, string>,
	registration: Pick<Registration, 'visa_data_enc'>,
	event: Pick<Event, 'collect_visa_support'>
): Record<string, string> {
	const blank = PASSPORT_FIELDS.every((field) => !raw[field]?.trim());
	const stored = event.collect_visa_support && blank ? visaDataOf(registration) : null;
	return stored ? { ...raw, ...stored } : raw;
}
