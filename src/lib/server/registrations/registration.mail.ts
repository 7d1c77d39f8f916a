import type { Transaction } from 'kysely';
import type { Database, Delegation, Event, ProgrammeItem, Registration } from '../db/schema.ts';
import { findDelegationById } from '../events/delegation.repository.ts';
import { listProgramme } from '../events/event.repository.ts';
import { enqueueEmail, type QueuedMail } from '../mail/outbox.ts';
import {
	renderRegistrationMail,
	type RegistrationMailKind
} from '../mail/templates/registration.ts';

/** What a caller already read (before taking a lock, say), so it is not read again. */
type Known = { programme?: ProgrammeItem[]; delegations?: Delegation[] };

/**
 * Renders registration mails for one event, loading the programme and each delegation once.
 * The dedupe key names the registration, the kind of mail and the registration's version after
 * the change: a replay of the same change queues nothing twice, while a later change (say,
 * promoted again after a new wait-listing) does.
 */
export function registrationMailRenderer(
	trx: Transaction<Database>,
	event: Event,
	known: Known = {}
) {
	let programme: ProgrammeItem[] | undefined = known.programme;
	const delegations = new Map<number, Delegation | undefined>(
		known.delegations?.map((d) => [d.id, d])
	);
	return async function render(
		kind: RegistrationMailKind,
		registration: Registration,
		reason?: string | null
	): Promise<QueuedMail> {
		const withCalendar = kind === 'confirmed' || kind === 'promoted';
		if (withCalendar) programme ??= await listProgramme(trx, event.id);
		if (!delegations.has(registration.delegation_id)) {
			const found = await findDelegationById(trx, registration.delegation_id);
			delegations.set(registration.delegation_id, found);
		}
		const mail = await renderRegistrationMail(kind, {
			event,
			programme: withCalendar ? (programme ?? []) : [],
			registration,
			delegation: delegations.get(registration.delegation_id) ?? null,
			reason,
			language: registration.language
		});
		return {
			...mail,
			to: registration.email,
			template: `registration-${kind}`,
			dedupeKey: `registration-${registration.id}-${kind}-v${registration.version}`,
			eventId: event.id,
			registrationId: registration.id
		};
	};
}

/** Queues registration mails for one event inside the caller's transaction (see registrationMailRenderer). */
export function registrationMailer(trx: Transaction<Database>, event: Event, known: Known = {}) {
	const render = registrationMailRenderer(trx, event, known);
	return async function send(
		kind: RegistrationMailKind,
		registration: Registration,
		reason?: string | null
	): Promise<boolean> {
		return enqueueEmail(trx, await render(kind, registration, reason));
	};
}

export type RegistrationMailer = ReturnType<typeof registrationMailer>;

/** The mail a new registration's person gets: received (pending), confirmed or wait-listed. */
export function newRegistrationMailKind(status: Registration['status']): RegistrationMailKind {
	if (status === 'pending') return 'received';
	return status === 'confirmed' ? 'confirmed' : 'waitlisted';
}
