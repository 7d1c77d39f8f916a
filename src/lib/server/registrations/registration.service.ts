import type { Transaction } from 'kysely';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { writeAudit } from '../audit/audit.repository.ts';
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
import { findEventById, listProgramme, lockEvent } from '../events/event.repository.ts';
import { encryptVisaData } from '../privacy/pii.ts';
import { inEventQueue } from './event-queue.ts';
import { registrationMailer } from './registration.mail.ts';
import { columnsOf } from './registration.fields.ts';
import {
	findBySubmissionKey,
	findDelegationById,
	findEarlierOrActive,
	findOrCreateUser,
	findRegistrationById,
	findRegistrationRowByReference,
	insertRegistrationTakingNumber,
	invitationStands,
	lockEventAndDelegation
} from './registration.repository.ts';
import { ALREADY_REGISTERED, assertTakesRegistrations } from './registration.rules.ts';
import { hasRoom } from './seats.ts';

export { updateRegistration } from './update.service.ts';
export {
	cancelRegistration,
	decideRegistrations,
	moveFromWaitlist,
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
	ip?: string;
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

function referenceOf(event: Event, delegation: Delegation, number: number): string {
	return `${event.code}-${delegation.code}-${String(number).padStart(3, '0')}`;
}

/** Registers a delegate for an event under the event lock: confirmed, wait-listed or pending, with its mail. */
export async function registerDelegate(input: RegisterInput): Promise<RegisterResult> {
	await rateLimit(input.values.email, input.ip);
	return inEventQueue(input.eventId, () => decide(input));
}

async function decide(input: RegisterInput): Promise<RegisterResult> {
	const { values, eventId, submissionKey } = input;
	const invitationId = input.invitationId ?? null;
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				// Before the event lock, to keep the time it is held short. A form posted twice at
				// once, or one e-mail registering twice at once, gets past these reads; the unique
				// keys on (event, submission key) and (event, active e-mail) stop it (see catch).
				const userId = await findOrCreateUser(trx, values.email, values.badgeName);
				const { earlier, active } = await findEarlierOrActive(
					trx,
					eventId,
					submissionKey,
					values.email
				);
				if (earlier) return { ...resultOf(earlier), duplicate: true };
				if (active) throw new DomainError('conflict', ALREADY_REGISTERED, 'email');
				const programme = await listProgramme(trx, eventId);
				// Under the lock, every statement counts twice: a rush waits for each of them, and
				// each costs a round trip on a busy machine (npm run bench). Hence one statement
				// locks the event and the delegation, one takes the number and the seat and
				// inserts.
				const locked = await lockEventAndDelegation(trx, eventId, values.delegationId);
				const event = locked?.event ?? (await lockEvent(trx, eventId));
				// Read under the lock: created_at then follows the order of the decisions, which is
				// the wait-list's order (created_at, id).
				const at = now();

				assertTakesRegistrations(event, at, { viaInvitation: invitationId !== null });
				if (invitationId !== null && !(await invitationStands(trx, eventId, invitationId))) {
					throw new DomainError('forbidden', 'This invitation is no longer valid.');
				}
				if (event.registration_mode === 'invitation' && invitationId === null) {
					throw new DomainError(
						'forbidden',
						'This event is by invitation only. Please register through the link in your invitation e-mail.'
					);
				}
				const delegation = locked?.delegation;
				if (!delegation) {
					throw new DomainError('invalid', 'Choose your delegation from the list', 'delegationId');
				}

				const status: RegistrationStatus =
					event.registration_mode === 'approval'
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
						reference: referenceOf(event, delegation, delegation.next_number),
						status,
						visa_data_enc:
							event.collect_visa_support && values.visa ? encryptVisaData(values.visa) : null,
						submission_key: submissionKey,
						created_at: at,
						updated_at: at,
						status_changed_at: at
					},
					{ eventId, delegationId: delegation.id, seat }
				);
				await writeAudit(trx, {
					actorUserId: userId,
					action: 'registration.create',
					entityType: 'registration',
					entityId: registration.id,
					eventId,
					diff: {
						reference: registration.reference,
						status,
						delegation: delegation.code,
						category: registration.category,
						...(invitationId !== null ? { invitation_id: invitationId } : {})
					}
				});
				const kind = status === 'pending' ? 'received' : status;
				await registrationMailer(trx, event, { programme, delegations: [delegation] })(
					kind,
					registration
				);
				const result = resultOf(registration);
				await input.onRegistered?.(trx, {
					id: result.registrationId,
					reference: result.reference,
					status
				});
				return { ...result, duplicate: false };
			});
	} catch (error) {
		if (isUniqueViolation(error, 'registrations_active_email_key')) {
			throw new DomainError('conflict', ALREADY_REGISTERED, 'email');
		}
		if (isUniqueViolation(error, 'registrations_event_id_submission_key_key')) {
			const earlier = await findBySubmissionKey(db(), eventId, submissionKey);
			if (earlier) return { ...resultOf(earlier), duplicate: true };
		}
		if (isUniqueViolation(error)) {
			throw new DomainError(
				'conflict',
				'This registration clashes with another; please try again.'
			);
		}
		throw error;
	}
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
	const normalised = reference.trim().toUpperCase();
	if (!/^[A-Z0-9]{2,12}-[A-Z0-9]{2,10}-\d{3,}$/.test(normalised)) return null;
	return view(await findRegistrationRowByReference(db(), normalised));
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
