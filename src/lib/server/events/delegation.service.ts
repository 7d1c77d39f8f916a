import { delegationNameIn } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import type { Insertable, Transaction } from 'kysely';
import { ASEAN_PLUS_JAPAN, countryName } from '../../countries.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Database, DelegationsTable } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { fillOpenedSeats, type SeatsOpened } from '../registrations/decision.service.ts';
import {
	deleteDelegation,
	delegationHasRegistrations,
	delegationsWithRegistrations,
	insertDelegations,
	lockDelegation,
	nextSortOrder,
	updateQuota,
	updateSortOrder
} from './delegation.repository.ts';

import { listDelegations, lockEvent } from './event.repository.ts';
import { quotaWarning } from './quota.ts';

// The delegations that may register for an event: countries and international organisations,
// each with an optional quota. Changes happen under the event lock, like registrations.

type Trx = Transaction<Database>;
export type QuotaResult = { warning: string | null; seats?: SeatsOpened | null };

async function begin(trx: Trx, actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'event.edit', trx);
	return lockEvent(trx, eventId);
}

async function audit(trx: Trx, actor: Actor, eventId: number, action: string, diff: object) {
	await writeAudit(trx, {
		actorUserId: actor.id,
		action: `delegation.${action}`,
		entityType: 'event',
		entityId: eventId,
		eventId,
		diff: diff as Record<string, unknown>
	});
}

async function warningAfter(trx: Trx, eventId: number, capacity: number | null) {
	return quotaWarning(capacity, await listDelegations(trx, eventId));
}

/** Adds the ten ASEAN member states, Timor-Leste and Japan; those already there are kept. */
export async function addAseanPlusJapan(
	actor: Actor,
	eventId: number,
	quota: number | null = null
): Promise<{ added: number; warning: string | null }> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await begin(trx, actor, eventId);
			const start = await nextSortOrder(trx, eventId);
			const rows: Insertable<DelegationsTable>[] = ASEAN_PLUS_JAPAN.map((code, i) => ({
				event_id: eventId,
				kind: 'country',
				country_code: code,
				code,
				name: countryName(code),
				quota,
				sort_order: start + i
			}));
			const added = await insertDelegations(trx, rows);
			if (added.length > 0) {
				await audit(trx, actor, eventId, 'add', { codes: added.map((d) => d.code), quota });
			}
			return { added: added.length, warning: await warningAfter(trx, eventId, event.capacity) };
		});
}

/** Adds one delegation (a country or an organisation). */
async function addOne(
	actor: Actor,
	eventId: number,
	row: Omit<Insertable<DelegationsTable>, 'event_id' | 'sort_order'>
): Promise<QuotaResult> {
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const event = await begin(trx, actor, eventId);
				const existing = await listDelegations(trx, eventId);
				if (existing.some((d) => d.code === row.code)) {
					throw new DomainError(
						'conflict',
						m.err_delegation_code_taken({ code: row.code }),
						row.kind === 'country' ? 'country' : 'code'
					);
				}
				if (existing.some((d) => d.name.toLowerCase() === row.name.toLowerCase())) {
					throw new DomainError(
						'conflict',
						m.err_delegation_exists({ name: row.name }),
						row.kind === 'country' ? 'country' : 'name'
					);
				}
				const sortOrder = await nextSortOrder(trx, eventId);
				await insertDelegations(trx, [{ ...row, event_id: eventId, sort_order: sortOrder }]);
				await audit(trx, actor, eventId, 'add', {
					codes: [row.code],
					name: row.name,
					quota: row.quota ?? null
				});
				return { warning: await warningAfter(trx, eventId, event.capacity) };
			});
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', m.err_delegation_exists({ name: row.name }));
		}
		throw error;
	}
}

/** Adds a country delegation, named as in the country list, coded by ISO alpha-2. */
export function addCountryDelegation(
	actor: Actor,
	eventId: number,
	input: { country: string; quota: number | null }
): Promise<QuotaResult> {
	return addOne(actor, eventId, {
		kind: 'country',
		country_code: input.country,
		code: input.country,
		name: countryName(input.country),
		quota: input.quota
	});
}

/** Adds an international organisation (ASEAN Secretariat, WHO…) as a delegation. */
export function addOrganisationDelegation(
	actor: Actor,
	eventId: number,
	input: { name: string; code: string; quota: number | null }
): Promise<QuotaResult> {
	return addOne(actor, eventId, {
		kind: 'organisation',
		country_code: null,
		code: input.code,
		name: input.name,
		quota: input.quota
	});
}

/** Sets a delegation's quota; never below the seats it already holds. */
export async function setDelegationQuota(
	actor: Actor,
	eventId: number,
	delegationId: number,
	quota: number | null
): Promise<QuotaResult> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await begin(trx, actor, eventId);
			const delegation = await lockDelegation(trx, eventId, delegationId);
			if (!delegation) throw new DomainError('not_found', m.err_delegation_gone());
			if (quota !== null && quota < delegation.seats_taken) {
				throw new DomainError(
					'invalid',
					m.err_quota_below_taken({ name: delegation.name, taken: delegation.seats_taken }),
					'quota'
				);
			}
			if (delegation.quota !== quota) {
				await updateQuota(trx, delegationId, quota);
				await audit(trx, actor, eventId, 'quota', {
					code: delegation.code,
					quota: { from: delegation.quota, to: quota }
				});
			}
			// More seats for the delegation: its people on the wait-list move up now.
			const raised = delegation.quota !== null && (quota === null || quota > delegation.quota);
			const seats =
				raised && event.status !== 'cancelled' && event.status !== 'archived'
					? await fillOpenedSeats(trx, event, actor.id)
					: null;
			return { warning: await warningAfter(trx, eventId, event.capacity), seats };
		});
}

/** Removes a delegation nobody has registered with. */
export async function removeDelegation(
	actor: Actor,
	eventId: number,
	delegationId: number
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await begin(trx, actor, eventId);
			const delegation = await lockDelegation(trx, eventId, delegationId);
			if (!delegation) throw new DomainError('not_found', m.err_delegation_gone());
			if (await delegationHasRegistrations(trx, delegationId)) {
				throw new DomainError('invalid', m.err_delegation_has_people({ name: delegation.name }));
			}
			await deleteDelegation(trx, delegationId);
			await audit(trx, actor, eventId, 'remove', { code: delegation.code, name: delegation.name });
		});
}

/** Moves a delegation one place up or down in the display order. */
export async function moveDelegation(
	actor: Actor,
	eventId: number,
	delegationId: number,
	direction: 'up' | 'down'
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await begin(trx, actor, eventId);
			const list = await listDelegations(trx, eventId);
			const from = list.findIndex((d) => d.id === delegationId);
			if (from < 0) throw new DomainError('not_found', m.err_delegation_gone());
			const to = direction === 'up' ? from - 1 : from + 1;
			if (to < 0 || to >= list.length) return;
			[list[from], list[to]] = [list[to], list[from]];
			// Renumber densely: older rows may share a sort position.
			for (const [i, d] of list.entries()) {
				if (d.sort_order !== i) await updateSortOrder(trx, d.id, i);
			}
			await audit(trx, actor, eventId, 'move', { code: list[to].code, direction });
		});
}

/** The event's delegations, in their order (public: the registration form lists them). */
export function eventDelegations(eventId: number) {
	return listDelegations(db(), eventId);
}

/** The event's delegations in their order, each named in the page's language: what a choice lists. */
export async function delegationsNamed(eventId: number) {
	const locale = getLocale();
	return (await listDelegations(db(), eventId)).map((d) => ({
		id: d.id,
		code: d.code,
		name: delegationNameIn(d, locale)
	}));
}

/** The delegations, and the ids of those that have registrations (they cannot be removed). */
export async function delegationsForEditing(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'event.edit');
	const [delegations, taken] = await Promise.all([
		listDelegations(db(), eventId),
		delegationsWithRegistrations(db(), eventId)
	]);
	return { delegations, taken };
}
