import type { Transaction } from 'kysely';
import { formatReference, normaliseReference } from '../../domain/reference.ts';
import { hasRoom } from '../../domain/room.ts';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor, type Capability } from '../auth/actor.ts';
import { countAttempts } from '../auth/rate-limit.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import type {
	Database,
	Delegation,
	Event,
	Registration,
	RegistrationStatus
} from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findDelegationById } from '../events/delegation.repository.ts';
import { findEventById, listProgramme, lockEvent } from '../events/event.repository.ts';
import { withSavepoint } from '../db/savepoint.ts';
import { invitationStands } from '../invitations/invitation.repository.ts';
import { encryptVisaData } from '../privacy/pii.ts';
import { findOrCreateUser } from '../users/user.repository.ts';
import { signUpWithin } from '../visits/visit.service.ts';
import { inEventQueue } from './event-queue.ts';
import { registrationMailer } from './registration.mail.ts';
import { columnsOf } from './registration.fields.ts';
import {
	findBySubmissionKey,
	findEarlierOrActive,
	findRegistrationById,
	findRegistrationRowByReference,
	insertRegistrationTakingNumber,
	lockEventAndDelegation
} from './registration.repository.ts';
import {
	ALREADY_REGISTERED,
	assertStaffMayEnter,
	assertTakesRegistrations
} from './registration.rules.ts';

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

const HOUR = 3_600_000;
// A person registers a handful of times at most; more from one address is abuse (mail bombing).
const PER_EMAIL_PER_HOUR = 10;

export type RegisterInput = {
	eventId: number;
	values: RegistrationInput;
	/** Random per rendered form: posting the same form twice creates one registration. */
	submissionKey: string;
	invitationId?: number | null;
	/** Field visits chosen on the form: booked in the same transaction once the seat is held. */
	visitIds?: number[];
	ip?: string;
	/**
	 * The staff member who enters the registration on the person's behalf: the registration
	 * window and invitation-only mode do not apply, and a seat is given if there is room
	 * (their entry is the organisers' decision, so nothing waits for review).
	 */
	enteredBy?: number | null;
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

async function rateLimit(email: string, ip: string | undefined): Promise<void> {
	// Both counters in one statement (npm run bench): the address (generous: a whole ministry
	// may sit behind one) and the e-mail (strict).
	const ipKey = ip ? `registration:ip:${ip}` : null;
	const emailKey = `registration:email:${email}`;
	const counts = await countAttempts(db(), ipKey ? [ipKey, emailKey] : [emailKey], HOUR);
	if (ipKey && (counts.get(ipKey) ?? 0) > config().registrationsPerIpPerHour) {
		throw new DomainError(
			'rate_limited',
			'Too many registrations from your network in the last hour. Please try again later.'
		);
	}
	if ((counts.get(emailKey) ?? 0) > PER_EMAIL_PER_HOUR) {
		throw new DomainError(
			'rate_limited',
			'Too many registration attempts for this e-mail address. Please try again in an hour.'
		);
	}
}

/**
 * Registers a delegate for an event under the event lock: confirmed, wait-listed or pending,
 * with its mail, and with the field visits chosen on the form, all in one transaction.
 */
export async function registerDelegate(input: RegisterInput): Promise<RegisterResult> {
	await rateLimit(input.values.email, input.enteredBy ? undefined : input.ip);
	return inEventQueue(input.eventId, async () => {
		try {
			return await db()
				.transaction()
				.execute((trx) => registerWithin(trx, input));
		} catch (error) {
			const { eventId, submissionKey } = input;
			if (isUniqueViolation(error, 'registrations_active_email_key')) {
				throw new DomainError('conflict', ALREADY_REGISTERED, 'email');
			}
			if (isUniqueViolation(error, 'registrations_event_id_submission_key_key')) {
				const earlier = await findBySubmissionKey(db(), eventId, submissionKey);
				if (earlier) return { ...resultOf(earlier), duplicate: true, visitsSkipped: false };
			}
			if (isUniqueViolation(error)) {
				throw new DomainError(
					'conflict',
					'This registration clashes with another; please try again.'
				);
			}
			throw error;
		}
	});
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
	// keys on (event, submission key) and (event, active e-mail) stop it (see catch).
	const userId = await findOrCreateUser(trx, values.email, values.badgeName);
	const { earlier, active } = await findEarlierOrActive(trx, eventId, submissionKey, values.email);
	if (earlier) return { ...resultOf(earlier), duplicate: true, visitsSkipped: false };
	const mail = options.mail ?? true;
	const programme = mail ? await listProgramme(trx, eventId) : [];
	// Under the lock, every statement counts twice: a rush waits for each of them, and
	// each costs a round trip on a busy machine (npm run bench). Hence one statement
	// locks the event and the delegation, one takes the number and the seat and
	// inserts.
	const locked = await lockEventAndDelegation(trx, eventId, values.delegationId);
	const event = locked?.event ?? (await lockEvent(trx, eventId));
	// Read under the lock: created_at then follows the order of the decisions, which is
	// the wait-list's order (created_at, id).
	const at = options.at ?? now();

	if (enteredBy !== null) assertStaffMayEnter(event);
	else if (!options.admitted) {
		assertTakesRegistrations(event, at, { viaInvitation: invitationId !== null });
	}
	if (invitationId !== null && !(await invitationStands(trx, eventId, invitationId))) {
		throw new DomainError('forbidden', 'This invitation is no longer valid.');
	}
	if (
		event.registration_mode === 'invitation' &&
		invitationId === null &&
		enteredBy === null &&
		!options.admitted
	) {
		throw new DomainError(
			'forbidden',
			'This event is by invitation only. Please register through the link in your invitation e-mail.'
		);
	}
	// Only after the window and the invitation: an event that takes no registration from this
	// visitor answers the same whoever's address is typed, and so tells nobody who attends.
	if (active) throw new DomainError('conflict', ALREADY_REGISTERED, 'email');
	const delegation = locked?.delegation;
	if (!delegation) {
		throw new DomainError('invalid', 'Choose your delegation from the list', 'delegationId');
	}

	const status: RegistrationStatus =
		event.registration_mode === 'approval' && enteredBy === null
			? 'pending'
			: hasRoom(event, delegation)
				? 'confirmed'
				: 'waitlisted';
	const seat = status === 'confirmed';
	const registration = await insertRegistrationTakingNumber(
		trx,
		{
			...columnsOf(values),
			event_id: eventId,
			user_id: userId,
			invitation_id: invitationId,
			reference: formatReference(event.code, delegation.code, delegation.next_number),
			status,
			visa_data_enc:
				event.collect_visa_support && values.visa ? encryptVisaData(values.visa) : null,
			submission_key: submissionKey,
			entered_by_kind: enteredBy === null ? 'self' : 'organizer',
			entered_by: enteredBy,
			created_at: at,
			updated_at: at,
			status_changed_at: at
		},
		{ eventId, delegationId: delegation.id, seat }
	);
	await writeAudit(trx, {
		actorUserId: enteredBy ?? userId,
		action: 'registration.create',
		entityType: 'registration',
		entityId: registration.id,
		eventId,
		diff: {
			reference: registration.reference,
			status,
			delegation: delegation.code,
			category: registration.category,
			...(invitationId !== null ? { invitation_id: invitationId } : {}),
			...(enteredBy !== null ? { entered_by: 'organizer' } : {})
		}
	});
	if (mail) {
		const kind = status === 'pending' ? 'received' : status;
		await registrationMailer(trx, event, { programme, delegations: [delegation] })(
			kind,
			registration
		);
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

function resultOf(row: { id: number; reference: string; status: RegistrationStatus }) {
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
