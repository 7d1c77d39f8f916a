import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { countAttempts } from '../auth/rate-limit.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import type { Database, Event } from '../db/schema.ts';
import { withSavepoint } from '../db/savepoint.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { listProgramme, lockEvent } from '../events/event.repository.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import { findOrCreateUsers } from '../users/user.repository.ts';
import { newRegistrationMailKind, registrationMailRenderer } from './registration.mail.ts';
import {
	findBySubmissionKey,
	findEarlierOrActiveOfMany,
	insertRegistrations,
	lockEventAndDelegations,
	type LockedDelegation,
	type NewRegistration
} from './registration.repository.ts';
import {
	alreadyRegistered,
	assertMayRegister,
	newRegistrationStatus
} from './registration.rules.ts';
import {
	newRegistration,
	registerWithin,
	resultOf,
	type RegisterInput,
	type RegisterResult
} from './registration.service.ts';

// Group commit: the registrations waiting for one event (event-queue.ts) are decided together —
// one transaction, one event lock, one commit, one statement inserting them with their numbers,
// seats and audit entries, one queuing their mails — person by person in arrival order, with
// the same rules as one registration alone (registration.rules.ts). A rush then costs a few
// round trips and one commit per batch instead of per person.

export type RegisterOutcome = { ok: true; result: RegisterResult } | { ok: false; error: unknown };

const HOUR = 3_600_000;
// A person registers a handful of times at most; more from one address is abuse (mail bombing).
const PER_EMAIL_PER_HOUR = 10;

type Trx = Transaction<Database>;
type Locked = { event: Event; delegations: Map<number, LockedDelegation> };

/**
 * Decides registrations for one event in one transaction, in the order given; each gets its
 * own outcome. If the transaction fails (a unique key another process took meanwhile, say),
 * each person is decided again alone, in order, so one failing row fails nobody else.
 */
export async function registerBatch(inputs: RegisterInput[]): Promise<RegisterOutcome[]> {
	const refusals = await rateLimitRefusals(inputs);
	const admitted = inputs.filter((_, i) => refusals[i] === null);
	const decided = await decideAdmitted(admitted);
	return refusals.map((error) => (error ? { ok: false, error } : decided.shift()!));
}

async function decideAdmitted(inputs: RegisterInput[]): Promise<RegisterOutcome[]> {
	if (inputs.length <= 1) return Promise.all(inputs.map(registerAlone));
	try {
		return await db()
			.transaction()
			.execute((trx) => decideInOrder(trx, inputs));
	} catch {
		const outcomes: RegisterOutcome[] = [];
		for (const input of inputs) outcomes.push(await registerAlone(input));
		return outcomes;
	}
}

/**
 * The rate limits of a batch's registrations, counted in one statement: the address (generous:
 * a whole ministry may sit behind one; not for staff entering people) and the e-mail (strict).
 * For each registration, in order, the refusal or null.
 */
async function rateLimitRefusals(inputs: RegisterInput[]): Promise<Array<DomainError | null>> {
	const keys = inputs.map((input) => ({
		ip: input.ip && !input.enteredBy ? `registration:ip:${input.ip}` : null,
		email: `registration:email:${input.values.email}`
	}));
	const counts = await countAttempts(
		db(),
		keys.flatMap((k) => (k.ip ? [k.ip, k.email] : [k.email])),
		HOUR
	);
	return keys.map((k) => {
		const ipCount = k.ip ? counts.shift()! : 0;
		const emailCount = counts.shift()!;
		if (ipCount > config().registrationsPerIpPerHour) {
			return new DomainError('rate_limited', m.err_network_rate());
		}
		if (emailCount > PER_EMAIL_PER_HOUR) {
			return new DomainError('rate_limited', m.err_email_rate());
		}
		return null;
	});
}

/** One registration in its own transaction, its failure told in the person's words. */
async function registerAlone(input: RegisterInput): Promise<RegisterOutcome> {
	try {
		const result = await db()
			.transaction()
			.execute((trx) => registerWithin(trx, input));
		return { ok: true, result };
	} catch (error) {
		return settleFailure(db(), input, error);
	}
}

/**
 * A failed registration as its sender hears of it: an address already registered (found by
 * its unique key when two raced), the earlier registration of a form posted twice at once.
 */
async function settleFailure(
	executor: Parameters<typeof findBySubmissionKey>[0],
	input: RegisterInput,
	error: unknown
): Promise<RegisterOutcome> {
	if (isUniqueViolation(error, 'registrations_active_email_key')) {
		return { ok: false, error: new DomainError('conflict', alreadyRegistered(), 'email') };
	}
	if (isUniqueViolation(error, 'registrations_event_id_submission_key_key')) {
		const earlier = await findBySubmissionKey(executor, input.eventId, input.submissionKey);
		if (earlier) {
			return { ok: true, result: { ...resultOf(earlier), duplicate: true, visitsSkipped: false } };
		}
	}
	if (isUniqueViolation(error)) {
		return {
			ok: false,
			error: new DomainError('conflict', m.err_clash())
		};
	}
	return { ok: false, error };
}

/**
 * A registration the batch can decide with the counters in hand: a person's own, with nothing
 * that needs its own reads or writes under the lock (an invitation, a staff entry, answers,
 * visits, a head of delegation, a quota per category, an endorsement, a visa letter asked for). Others are decided by
 * registerWithin at their place in the order.
 */
function isPlain(input: RegisterInput, event: Event, delegation: LockedDelegation | undefined) {
	const answers = input.answers;
	return (
		(input.invitationId ?? null) === null &&
		(input.enteredBy ?? null) === null &&
		!input.onRegistered &&
		!input.visaLetter &&
		(input.visitIds?.length ?? 0) === 0 &&
		(!answers || (answers.questions.length === 0 && !answers.photo)) &&
		input.values.category !== 'head_of_delegation' &&
		!event.endorsement_required &&
		delegation?.categoryQuotas[input.values.category] === undefined
	);
}

async function lockAll(trx: Trx, eventId: number, delegationIds: number[]): Promise<Locked> {
	return (
		(await lockEventAndDelegations(trx, eventId, delegationIds)) ?? {
			event: await lockEvent(trx, eventId),
			delegations: new Map()
		}
	);
}

async function decideInOrder(trx: Trx, inputs: RegisterInput[]): Promise<RegisterOutcome[]> {
	const eventId = inputs[0].eventId;
	if (inputs.some((i) => i.eventId !== eventId)) throw new Error('one batch, one event');
	const outcomes: RegisterOutcome[] = new Array(inputs.length);
	// Before the lock: the people's user rows, earlier posts and registered addresses, the programme.
	const users = await findOrCreateUsers(
		trx,
		inputs.map((i) => ({ email: i.values.email, displayName: i.values.badgeName }))
	);
	const seen = await findEarlierOrActiveOfMany(
		trx,
		eventId,
		inputs.map((i) => i.submissionKey),
		inputs.map((i) => i.values.email)
	);
	const programme = await listProgramme(trx, eventId);
	const delegationIds = [...new Set(inputs.map((i) => i.values.delegationId))];
	let locked = await lockAll(trx, eventId, delegationIds);
	const render = registrationMailRenderer(trx, locked.event, {
		programme,
		delegations: [...locked.delegations.values()]
	});
	const at = now();
	const earlier = new Map(seen.map((r) => [r.submission_key, r]));
	const active = new Set(
		seen.filter((r) => r.status !== 'cancelled' && r.status !== 'declined').map((r) => r.email)
	);
	const firstWithKey = new Map<string, number>();
	const sameForm: Array<[number, number]> = [];
	let group: Array<{ index: number; row: NewRegistration }> = [];

	const flush = async () => {
		if (group.length === 0) return;
		const rows = await insertRegistrations(
			trx,
			eventId,
			group.map((g) => g.row)
		);
		const mails = await Promise.all(rows.map((r) => render(newRegistrationMailKind(r.status), r)));
		await enqueueEmails(trx, mails);
		rows.forEach((row, k) => {
			outcomes[group[k].index] = {
				ok: true,
				result: { ...resultOf(row), duplicate: false, visitsSkipped: false }
			};
		});
		group = [];
	};

	for (const [index, input] of inputs.entries()) {
		const { email } = input.values;
		const before = earlier.get(input.submissionKey);
		if (before) {
			const result = { ...resultOf(before), duplicate: true, visitsSkipped: false };
			outcomes[index] = { ok: true, result };
			continue;
		}
		const first = firstWithKey.get(input.submissionKey);
		if (first !== undefined) {
			sameForm.push([index, first]);
			continue;
		}
		firstWithKey.set(input.submissionKey, index);
		const delegation = locked.delegations.get(input.values.delegationId);
		if (!isPlain(input, locked.event, delegation)) {
			// Its own reads and writes see those of the people before it: write theirs first.
			await flush();
			outcomes[index] = await withinSavepoint(trx, input);
			if (outcomes[index].ok) active.add(email);
			locked = await lockAll(trx, eventId, delegationIds);
			continue;
		}
		try {
			assertMayRegister(locked.event, delegation, at, {
				invitationId: null,
				enteredBy: null,
				admitted: false,
				invitationStands: true,
				alreadyActive: active.has(email)
			});
			const status = newRegistrationStatus(locked.event, delegation, null, false);
			const userId = users.get(email);
			if (userId === undefined) throw new Error(`no user for ${email}`);
			group.push({
				index,
				row: newRegistration(locked.event, delegation, input, {
					userId,
					status,
					at,
					awaitsEndorsement: false
				})
			});
			// The counters as the next person in line finds them.
			delegation.next_number++;
			if (status === 'confirmed') {
				delegation.seats_taken++;
				locked.event.seats_taken++;
			}
			active.add(email);
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			outcomes[index] = { ok: false, error };
		}
	}
	await flush();
	// A form posted twice in one batch: the second post is told what the first got.
	for (const [index, first] of sameForm) {
		const outcome = outcomes[first];
		outcomes[index] = outcome.ok
			? { ok: true, result: { ...outcome.result, duplicate: true } }
			: outcome;
	}
	return outcomes;
}

/** registerWithin for one person of the batch: if it fails, only its own writes are undone. */
async function withinSavepoint(trx: Trx, input: RegisterInput): Promise<RegisterOutcome> {
	try {
		const result = await withSavepoint(trx, 'registration', () => registerWithin(trx, input));
		return { ok: true, result };
	} catch (error) {
		return settleFailure(trx, input, error);
	}
}
