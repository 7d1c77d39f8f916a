import type { Transaction } from 'kysely';
import type { Database, Event, ProgrammeItem, Registration } from '../db/schema.ts';
import { delegationName } from '../events/delegation.repository.ts';
import { listProgramme } from '../events/event.repository.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import {
	renderRegistrationMail,
	type RegistrationMailKind
} from '../mail/templates/registration.ts';

/**
 * Queues registration mails for one event inside the caller's transaction, loading the
 * programme and delegation names once. The dedupe key names the registration, the kind of
 * mail and the registration's version after the change: a replay of the same change queues
 * nothing twice, while a later change (say, promoted again after a new wait-listing) does.
 */
export function registrationMailer(
	trx: Transaction<Database>,
	event: Event,
	/** What the caller already read (before taking a lock, say), so it is not read again. */
	known: { programme?: ProgrammeItem[]; delegations?: Array<{ id: number; name: string }> } = {}
) {
	let programme: ProgrammeItem[] | undefined = known.programme;
	const names = new Map<number, string>(known.delegations?.map((d) => [d.id, d.name]));
	return async function send(
		kind: RegistrationMailKind,
		registration: Registration,
		reason?: string | null
	): Promise<boolean> {
		const withCalendar = kind === 'confirmed' || kind === 'promoted';
		if (withCalendar) programme ??= await listProgramme(trx, event.id);
		let name = names.get(registration.delegation_id);
		if (name === undefined) {
			name = await delegationName(trx, registration.delegation_id);
			names.set(registration.delegation_id, name);
		}
		const mail = await renderRegistrationMail(kind, {
			event,
			programme: withCalendar ? (programme ?? []) : [],
			registration,
			delegationName: name,
			reason
		});
		return enqueueEmail(trx, {
			...mail,
			to: registration.email,
			template: `registration-${kind}`,
			dedupeKey: `registration-${registration.id}-${kind}-v${registration.version}`,
			eventId: event.id,
			registrationId: registration.id
		});
	};
}

export type RegistrationMailer = ReturnType<typeof registrationMailer>;
