import { fieldLabel } from '../../registration-changes.ts';
import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { toLocale } from '../../i18n/locales.ts';
import type { Transaction } from 'kysely';
import { categoryLabelIn, categoryText } from '../../domain/category.ts';
import type { RegistrationInput } from '../../schemas/registration.ts';
import { delegationName, findDelegationById } from '../events/delegation.repository.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Category, ChangeRequest, Database, Event, Registration } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { changeDecisionMail } from '../mail/templates/registration-changes.ts';
import { formalAddressIn } from '../../domain/person-name.ts';
import {
	closeChangeRequest,
	findOpenChangeRequest,
	lockOpenChangeRequest,
	replaceOpenChangeRequest
} from './corrections.repository.ts';
import { promoteWaitlisted } from './decision.service.ts';
import { delegationOfRow } from './person-columns.ts';
import {
	findRegistrationById,
	lockRegistration,
	updateRegistrationRow
} from './registration.repository.ts';
import { assertActive, changesFixedChoice, fixedChoicesOf } from './registration.rules.ts';
import { moveDelegation, updateRegistrationWithin, withEmailConflict } from './update.service.ts';

// Once a registration is confirmed — or from the start when an invitation or the organisers set
// them — its delegation and category are the organisers' to change (quotas, seating, the List
// of Participants): the delegate asks, an organizer approves (the quota re-checked under the
// event lock) or refuses; both are audited and mailed.

type Trx = Transaction<Database>;

/**
 * The delegate saves their edit form: every field is saved at once, except a new delegation or
 * category that is not theirs alone to change (fixedChoicesOf), which becomes a request to the
 * organisers.
 */
export async function saveOwnRegistration(
	actor: Actor,
	registrationId: number,
	expectedVersion: number,
	values: RegistrationInput
): Promise<{ requested: boolean }> {
	return withEmailConflict(() =>
		db()
			.transaction()
			.execute(async (trx) => {
				const current = await findRegistrationById(trx, registrationId);
				const asks =
					current !== undefined &&
					changesFixedChoice(await fixedChoicesOf(trx, current), current, values);
				if (!current || !asks) {
					await updateRegistrationWithin(trx, actor, registrationId, expectedVersion, values);
					return { requested: false };
				}
				const kept = { ...values, delegationId: current.delegation_id, category: current.category };
				const { event } = await updateRegistrationWithin(
					trx,
					actor,
					registrationId,
					expectedVersion,
					kept
				);
				await replaceOpenChangeRequest(trx, {
					registrationId,
					eventId: event.id,
					delegationId: values.delegationId,
					category: values.category,
					requestedBy: actor.id,
					at: now()
				});
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'registration.change_request',
					entityType: 'registration',
					entityId: registrationId,
					eventId: event.id,
					diff: await requestedChanges(trx, current, values)
				});
				return { requested: true };
			})
	);
}

/** The open request of the delegate's own registration, for its pages. */
export async function openChangeRequest(
	actor: Actor,
	registration: Pick<Registration, 'id' | 'user_id'>
) {
	if (registration.user_id !== actor.id)
		throw new DomainError('not_found', m.err_no_registration());
	const found = await findOpenChangeRequest(db(), registration.id);
	return found
		? {
				delegation: delegationOfRow(found, getLocale()),
				category: categoryText(found.category),
				at: found.requested_at
			}
		: null;
}

async function requestedChanges(
	trx: Trx,
	current: Registration,
	wanted: { delegationId: number; category: Category }
) {
	const diff: Record<string, { from: string; to: string }> = {};
	if (wanted.delegationId !== current.delegation_id) {
		diff.delegation = {
			from: await delegationName(trx, current.delegation_id),
			to: await delegationName(trx, wanted.delegationId)
		};
	}
	if (wanted.category !== current.category) {
		diff.category = { from: current.category, to: wanted.category };
	}
	return diff;
}

/** An organizer approves or refuses the open request; approval re-checks the quota under the event lock. */
export async function decideChangeRequest(
	actor: Actor,
	registrationId: number,
	decision: 'approve' | 'refuse',
	reason = ''
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			const found = await findRegistrationById(trx, registrationId);
			if (!found) throw new DomainError('not_found', m.err_no_registration());
			await assertCan(actor, found.event_id, 'registrations.decide', trx);
			const event = await lockEvent(trx, found.event_id);
			const current = (await lockRegistration(trx, registrationId))!;
			const request = await lockOpenChangeRequest(trx, registrationId);
			if (!request) {
				throw new DomainError('conflict', m.err_request_decided());
			}
			const asked = { delegationId: request.delegation_id, category: request.category };
			const diff = await requestedChanges(trx, current, asked);
			let updated = current;
			if (decision === 'approve') {
				assertActive(current);
				updated = await applyRequest(trx, event, current, request);
			}
			await closeChangeRequest(trx, request.id, {
				status: decision === 'approve' ? 'approved' : 'refused',
				by: actor.id,
				at: now(),
				reason
			});
			await writeAudit(trx, {
				actorUserId: actor.id,
				action:
					decision === 'approve' ? 'registration.change_approve' : 'registration.change_refuse',
				entityType: 'registration',
				entityId: registrationId,
				eventId: event.id,
				diff: { ...diff, ...(reason ? { reason } : {}) }
			});
			await tellDelegate(trx, event, updated, request, decision === 'approve', diff, reason);
		});
}

/** Moves the registration as asked: the seat follows if the new delegation's quota has room, else it is refused. */
async function applyRequest(trx: Trx, event: Event, current: Registration, request: ChangeRequest) {
	const moved = await moveDelegation(trx, event, current, request.delegation_id, 'refuse');
	const updated = await updateRegistrationRow(trx, current.id, {
		delegation_id: request.delegation_id,
		category: request.category,
		updated_at: now()
	});
	if (moved.seatFreed) await promoteWaitlisted(trx, event);
	return updated;
}

async function tellDelegate(
	trx: Trx,
	event: Event,
	registration: Registration,
	request: ChangeRequest,
	approved: boolean,
	diff: Record<string, { from: string; to: string }>,
	reason: string
) {
	// What was asked, in the person's language.
	const locale = toLocale(registration.language) ?? 'en';
	const asked = diff.delegation ? await findDelegationById(trx, request.delegation_id) : undefined;
	const requested = [
		...(diff.delegation
			? [
					`${fieldLabel('delegation', locale)}: ${asked ? delegationNameIn(asked, locale) : diff.delegation.to}`
				]
			: []),
		...(diff.category
			? [
					`${fieldLabel('category', locale)}: ${categoryLabelIn(diff.category.to as Category, locale)}`
				]
			: [])
	];
	await enqueueEmail(trx, {
		...changeDecisionMail({
			eventTitle: inLanguage(event, 'title', locale),
			reference: registration.reference,
			name: formalAddressIn(registration, toLocale(registration.language) ?? 'en'),
			locale: toLocale(registration.language) ?? 'en',
			contactEmail: event.contact_email,
			approved,
			requested,
			reason
		}),
		to: registration.email,
		template: approved ? 'registration-change-approved' : 'registration-change-refused',
		dedupeKey: `registration-change-${request.id}-${approved ? 'approved' : 'refused'}`,
		eventId: event.id,
		registrationId: registration.id
	});
}

/** What the delegate's edit page says of delegation and category: which the organisers decide. */
export async function ownFixedChoices(registration: Registration) {
	return fixedChoicesOf(db(), registration);
}
