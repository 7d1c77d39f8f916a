import type { Transaction } from 'kysely';
import { formatReference, normaliseReference } from '../../domain/reference.ts';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { redact } from '../audit/audit.repository.ts';
import { assertCan, type Actor, type Capability } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type {
	Database,
	Delegation,
	Event,
	Registration,
	RegistrationStatus
} from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { findDelegationById } from '../events/delegation.repository.ts';
import { findEventById, listProgramme, lockEvent } from '../events/event.repository.ts';
import { withSavepoint } from '../db/savepoint.ts';
import { invitationStands } from '../invitations/invitation.repository.ts';
import { encryptVisaData } from '../privacy/pii.ts';
import { saveAnswersWithin, type AnswersToSave } from '../questions/answer.service.ts';
import { findOrCreateUser } from '../users/user.repository.ts';
import { signUpWithin } from '../visits/visit.service.ts';
import { assertCategoryRoom } from '../delegations/category-quota.ts';
import { listFocalPoints, nameFirstHead } from '../delegations/focal-point.repository.ts';
import { askForEndorsement } from '../delegations/endorsement.ts';
import { requestVisaLetterWithin } from '../documents/visa-letter-request.ts';
import { inEventBatch } from './event-queue.ts';
import { registerBatch } from './registration-batch.ts';
import { newRegistrationMailKind, registrationMailer } from './registration.mail.ts';
import { columnsOf } from './registration.fields.ts';
import {
	findBySubmissionKey,
	findEarlierOrActive,
	findRegistrationById,
	findRegistrationRowByReference,
	insertRegistrations,
	lockEventAndDelegation,
	type NewRegistration
} from './registration.repository.ts';
import { assertMayRegister, newRegistrationStatus } from './registration.rules.ts';

export { updateRegistration, updateRegistrationWithin } from './update.service.ts';
export {
	cancelRegistration,
	cancelWithin,
	decideRegistrations,
	decideWithin,
	moveFromWaitlist,
	moveFromWaitlistWithin,
	promoteWaitlisted
} from './decision.service.ts';

export type RegisterInput = {
	eventId: number;
	values: RegistrationInput;
	/** Random per rendered form: posting the same form twice creates one registration. */
	submissionKey: string;
	invitationId?: number | null;
	/** Field visits chosen on the form: booked in the same transaction once the seat is held. */
	visitIds?: number[];
	/** Answers to the event's questions, checked: saved under the event lock with the registration. */
	answers?: AnswersToSave;
	ip?: string;
	/** The language the person registered in (their mails are written in it); English if unset. */
	language?: string;
	/**
	 * The staff member who enters the registration on the person's behalf: the registration
	 * window and invitation-only mode do not apply, and a seat is given if there is room
	 * (their entry is the organisers' decision, so nothing waits for review).
	 */
	enteredBy?: number | null;
	/** Who `enteredBy` is: staff (the default) or the delegation's focal point. */
	enteredByKind?: 'organizer' | 'focal_point';
	/** A visa support letter is asked for on the form: recorded with the registration. */
	visaLetter?: boolean;
	/** Runs inside the transaction (invitations mark themselves accepted); throwing rolls all back. */
	onRegistered?: (
		trx: Transaction<Database>,
		registration: { id: number; reference: string; status: RegistrationStatus }
	) => Promise<void>;
};

export type RegisterResult = {
	registrationId: number;
	reference: string;
	status: RegistrationStatus;
	duplicate: boolean;
	/** True when field visits were chosen but not all booked (choose them later, on /me). */
	visitsSkipped: boolean;
};

/**
 * Registers a delegate for an event under the event lock: confirmed, wait-listed or pending,
 * with its mail, and with the field visits chosen on the form, all in one transaction — shared
 * with the other registrations waiting for the same event (registration-batch.ts).
 */
export async function registerDelegate(input: RegisterInput): Promise<RegisterResult> {
	const outcome = await inEventBatch(input.eventId, input, registerBatch);
	if (outcome.ok) return outcome.result;
	throw outcome.error;
}

/** How a registration comes about when it is not a person posting the form just now. */
export type RegisterOptions = {
	/** The moment of the registration (default: now). */
	at?: Date;
	/** Whether the person is e-mailed (default: yes). Demo data never is. */
	mail?: boolean;
	/**
	 * Admitted by the organizers themselves, past the form's gates — the registration window and
	 * "by invitation only" (the demo data of a past or invitation-only meeting). Seats, quota,
	 * approval, numbering and the one active registration per address still apply.
	 */
	admitted?: boolean;
};

/**
 * registerDelegate inside the caller's transaction, without its rate limit and queue. It locks
 * the event (then the delegation, then the chosen visits by id): callers take no lock before it.
 */
export async function registerWithin(
	trx: Transaction<Database>,
	input: RegisterInput,
	options: RegisterOptions = {}
): Promise<RegisterResult> {
	const { values, eventId, submissionKey } = input;
	const invitationId = input.invitationId ?? null;
	const enteredBy = input.enteredBy ?? null;
	// Before the event lock, to keep the time it is held short. A form posted twice at
	// once, or one e-mail registering twice at once, gets past these reads; the unique
	// keys on (event, submission key) and (event, active e-mail) stop it (see settleFailure).
	const userId = await findOrCreateUser(trx, values.email, values.badgeName);
	const { earlier, active } = await findEarlierOrActive(trx, eventId, submissionKey, values.email);
	if (earlier) return { ...resultOf(earlier), duplicate: true, visitsSkipped: false };
	const mail = options.mail ?? true;
	const programme = mail ? await listProgramme(trx, eventId) : [];
	// Under the lock, every statement counts twice: a rush waits for each of them, and
	// each costs a round trip on a busy machine (npm run bench). Hence one statement
	// locks the event and the delegation, one takes the number and the seat, inserts
	// and audits.
	const locked = await lockEventAndDelegation(trx, eventId, values.delegationId, values.category);
	const event = locked?.event ?? (await lockEvent(trx, eventId));
	// Read under the lock: created_at then follows the order of the decisions, which is
	// the wait-list's order (created_at, id).
	const at = options.at ?? now();
	const delegation = locked?.delegation;
	assertMayRegister(event, delegation, at, {
		invitationId,
		enteredBy,
		admitted: options.admitted ?? false,
		invitationStands: invitationId === null || (await invitationStands(trx, eventId, invitationId)),
		alreadyActive: active !== undefined
	});

	// A quota per category (set where focal points nominate): an invitation already holds its place.
	if (locked && locked.categoryQuota !== null && invitationId === null) {
		await assertCategoryRoom(trx, eventId, delegation, values.category, locked.categoryQuota, at);
	}

	// Where the event asks for it, an official's own registration waits for the endorsement of
	// their delegation's focal point before anyone decides (invited and entered people do not).
	const endorsers =
		event.endorsement_required && enteredBy === null && invitationId === null && !options.admitted
			? await listFocalPoints(trx, eventId, delegation.id)
			: [];
	const awaitsEndorsement = endorsers.length > 0;
	const status = newRegistrationStatus(event, delegation, enteredBy, awaitsEndorsement);
	const [registration] = await insertRegistrations(trx, eventId, [
		newRegistration(event, delegation, input, { userId, status, at, awaitsEndorsement })
	]);
	// The first head of a delegation to register is its head (one per delegation: its key).
	if (registration.category === 'head_of_delegation') {
		await nameFirstHead(trx, delegation.id, registration.id, enteredBy ?? userId, at);
	}
	if (input.answers) {
		await saveAnswersWithin(
			trx,
			{ id: registration.id, eventId, userId, holdsPlaces: true },
			input.answers,
			at,
			enteredBy ?? userId
		);
	}
	if (mail) {
		await registrationMailer(trx, event, { programme, delegations: [delegation] })(
			newRegistrationMailKind(status),
			registration
		);
	}
	if (awaitsEndorsement) await askForEndorsement(trx, event, delegation, registration, endorsers);
	// The form asks for passport details with the box, so a letter can state them.
	if (input.visaLetter && event.collect_visa_support && registration.visa_data_enc) {
		await requestVisaLetterWithin(trx, {
			event,
			registration,
			requestedBy: enteredBy ?? userId,
			via: input.enteredByKind === 'focal_point' ? 'focal_point' : 'registration_form',
			at
		});
	}
	const result = resultOf(registration);
	await input.onRegistered?.(trx, {
		id: result.registrationId,
		reference: result.reference,
		status
	});
	const visitsSkipped = await chooseVisits(trx, result, userId, input.visitIds ?? []);
	return { ...result, duplicate: false, visitsSkipped };
}

/**
 * A new registration's row and audit entry: the person's columns, the reference of their
 * delegation's next number, the status decided. For one person or each of a batch.
 */
export function newRegistration(
	event: Event,
	delegation: Delegation,
	input: RegisterInput,
	decided: { userId: number; status: RegistrationStatus; at: Date; awaitsEndorsement: boolean }
): NewRegistration {
	const { values, eventId, submissionKey } = input;
	const { userId, status, at } = decided;
	const invitationId = input.invitationId ?? null;
	const enteredBy = input.enteredBy ?? null;
	const reference = formatReference(event.code, delegation.code, delegation.next_number);
	return {
		values: {
			...columnsOf(values),
			language: input.language ?? 'en',
			event_id: eventId,
			user_id: userId,
			invitation_id: invitationId,
			reference,
			status,
			visa_data_enc:
				event.collect_visa_support && values.visa ? encryptVisaData(values.visa) : null,
			submission_key: submissionKey,
			entered_by_kind: enteredBy === null ? 'self' : (input.enteredByKind ?? 'organizer'),
			endorsement: decided.awaitsEndorsement ? 'awaiting' : null,
			entered_by: enteredBy,
			created_at: at,
			updated_at: at,
			status_changed_at: at
		},
		audit: {
			at: now(),
			actorUserId: enteredBy ?? userId,
			diff: redact({
				reference,
				status,
				delegation: delegation.code,
				category: values.category,
				...(invitationId !== null ? { invitation_id: invitationId } : {}),
				...(enteredBy !== null ? { entered_by: input.enteredByKind ?? 'organizer' } : {})
			})
		}
	};
}

/**
 * Signs a new registration up for the field visits chosen on the form, when it holds a seat.
 * A visit that clashes or is closed undoes only its own sign-up, never the registration: it
 * is then chosen later from the registration page. True when any choice was not booked.
 */
async function chooseVisits(
	trx: Transaction<Database>,
	registration: ReturnType<typeof resultOf>,
	userId: number,
	visitIds: number[]
): Promise<boolean> {
	if (visitIds.length === 0) return false;
	if (registration.status !== 'confirmed') return true;
	let skipped = false;
	// By id: the lock order of every use case that locks several visits.
	for (const visitId of [...new Set(visitIds)].sort((a, b) => a - b)) {
		try {
			await withSavepoint(trx, 'visit_choice', () =>
				signUpWithin(trx, registration.registrationId, visitId, userId)
			);
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			skipped = true;
		}
	}
	return skipped;
}

/** What a registration's sender is told of it. */
export function resultOf(row: { id: number; reference: string; status: RegistrationStatus }) {
	return { registrationId: row.id, reference: row.reference, status: row.status };
}

export type RegistrationView = { registration: Registration; event: Event; delegation: Delegation };

async function view(registration: Registration | undefined): Promise<RegistrationView | null> {
	if (!registration) return null;
	const [event, delegation] = await Promise.all([
		findEventById(db(), registration.event_id),
		findDelegationById(db(), registration.delegation_id)
	]);
	if (!event || !delegation) return null;
	return { registration, event, delegation };
}

/** A registration with its event and delegation, by reference (any case), or null. */
export async function findRegistrationByReference(
	reference: string
): Promise<RegistrationView | null> {
	const normalised = normaliseReference(reference);
	if (!normalised) return null;
	return view(await findRegistrationRowByReference(db(), normalised));
}

/**
 * A registration of this event by reference (any case), for staff who may `capability` there;
 * null when the reference is unknown or another event's.
 */
export async function eventRegistration(
	actor: Actor,
	eventId: number,
	reference: string,
	capability: Capability
): Promise<RegistrationView | null> {
	await assertCan(actor, eventId, capability);
	const found = await findRegistrationByReference(reference);
	return found && found.event.id === eventId ? found : null;
}

/** The registration a submitted form created (the form's random key is known only to its sender). */
export async function findRegistrationBySubmission(
	eventId: number,
	submissionKey: string
): Promise<RegistrationView | null> {
	const found = await findBySubmissionKey(db(), eventId, submissionKey);
	return found ? view(await findRegistrationById(db(), found.id)) : null;
}

/** The registration if it belongs to this user; null for someone else's or an unknown reference. */
export async function getRegistrationForOwner(
	userId: number,
	reference: string
): Promise<RegistrationView | null> {
	const found = await findRegistrationByReference(reference);
	return found && found.registration.user_id === userId ? found : null;
}
