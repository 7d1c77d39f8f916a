import { delegationNaming } from '../registrations/person-columns.ts';
import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { CATEGORIES, categoryPluralText, type Category } from '../../domain/category.ts';
import type { CategoryQuotas, FocalPointInput } from '../../schemas/delegation.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db, type DB } from '../db/database.ts';
import type { Database, Event } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { toLocale } from '../../i18n/locales.ts';
import { findDelegation } from '../events/delegation.repository.ts';
import { findEventById, lockEvent } from '../events/event.repository.ts';
import { enqueueEmails, type QueuedMail } from '../mail/outbox.ts';
import { nominationCallMail } from '../mail/templates/nominations.ts';
import { findOrCreateUser } from '../users/user.repository.ts';
import { categoriesTaken } from './category-quota.ts';
import { delegationProgress, missingIn, type DelegationProgress } from './delegation-progress.ts';
import {
	claimAutoReminders,
	deleteFocalPoint,
	insertFocalPoint,
	insertFocalPointLinks,
	listFocalPoints,
	markMailed,
	replaceCategoryQuotas,
	setEventNominationSettings
} from './focal-point.repository.ts';

// The organizer's side of delegations run by focal points: who the focal points are, each
// delegation's places per category, the nomination deadline, and the calls and reminders.

type Trx = Transaction<Database>;
const DAY = 86_400_000;
/** A delegation-page link works this long (and at least until a week after the deadline). */
const LINK_DAYS = 30;

/** The public address of a focal point's link. */
export function delegationLink(token: string): string {
	return `${config().origin}/delegations/${token}`;
}

/** A new one-time link for a focal point, stored as its hash; returns the address to mail. */
export async function newFocalPointLink(
	executor: DB | Trx,
	focalPointId: number,
	deadline: Date | null,
	at: Date
): Promise<string> {
	const links = await newFocalPointLinks(executor, [focalPointId], deadline, at);
	return links.get(focalPointId)!;
}

/** New one-time links for several focal points, stored in one statement: address per focal point. */
export async function newFocalPointLinks(
	executor: DB | Trx,
	focalPointIds: number[],
	deadline: Date | null,
	at: Date
): Promise<Map<number, string>> {
	const until = new Date(
		Math.max(at.getTime() + LINK_DAYS * DAY, (deadline?.getTime() ?? 0) + 7 * DAY)
	);
	const tokens = focalPointIds.map((id) => ({ id, token: randomToken(24) }));
	await insertFocalPointLinks(
		executor,
		tokens.map(({ id, token }) => ({
			focal_point_id: id,
			token_hash: hashToken(token),
			created_at: at,
			expires_at: until
		}))
	);
	return new Map(tokens.map(({ id, token }) => [id, delegationLink(token)]));
}

async function audit(trx: Trx | DB, actor: Actor, eventId: number, action: string, diff: object) {
	await writeAudit(trx, {
		actorUserId: actor.id,
		action,
		entityType: 'event',
		entityId: eventId,
		eventId,
		diff: diff as Record<string, unknown>
	});
}

/** Adds a focal point to a delegation of the event. */
export async function addFocalPoint(
	actor: Actor,
	eventId: number,
	delegationId: number,
	input: FocalPointInput
): Promise<{ id: number }> {
	await assertCan(actor, eventId, 'focal_points.manage');
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const delegation = await findDelegation(trx, eventId, delegationId);
				if (!delegation) throw new DomainError('not_found', m.err_no_delegation());
				const userId = await findOrCreateUser(trx, input.email, input.name);
				const row = await insertFocalPoint(trx, {
					event_id: eventId,
					delegation_id: delegationId,
					user_id: userId,
					name: input.name,
					email: input.email,
					organisation: input.organisation ?? '',
					phone: input.phone ?? '',
					created_at: now()
				});
				await audit(trx, actor, eventId, 'focal_point.add', {
					delegation: delegation.code,
					email: input.email,
					name: input.name
				});
				return { id: row.id };
			});
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', m.err_fp_exists(), 'email');
		}
		throw error;
	}
}

/** Removes a focal point (their links stop working; what they entered stays). */
export async function removeFocalPoint(actor: Actor, eventId: number, id: number): Promise<void> {
	await assertCan(actor, eventId, 'focal_points.manage');
	await db()
		.transaction()
		.execute(async (trx) => {
			const removed = await deleteFocalPoint(trx, eventId, id);
			if (!removed) throw new DomainError('not_found', m.err_no_focal_point());
			await audit(trx, actor, eventId, 'focal_point.remove', { email: removed.email });
		});
}

/**
 * Sets a delegation's places per category. Under the event lock, like its seats: a quota below
 * what the delegation already holds is refused with the numbers.
 */
export async function setCategoryQuotas(
	actor: Actor,
	eventId: number,
	delegationId: number,
	quotas: CategoryQuotas
): Promise<void> {
	await assertCan(actor, eventId, 'focal_points.manage');
	await db()
		.transaction()
		.execute(async (trx) => {
			await lockEvent(trx, eventId);
			const delegation = await findDelegation(trx, eventId, delegationId);
			if (!delegation) throw new DomainError('not_found', m.err_no_delegation());
			const at = now();
			const held = await categoriesTaken(trx, eventId, delegationId, at);
			const set: Array<{ category: Category; quota: number }> = [];
			for (const category of CATEGORIES) {
				const quota = quotas[category];
				if (quota === null) continue;
				const taken = held.get(category) ?? 0;
				if (taken > quota) {
					throw new DomainError(
						'conflict',
						m.err_category_quota_below({
							delegation: delegation.name,
							taken,
							category: categoryPluralText(category)
						}),
						category
					);
				}
				set.push({ category, quota });
			}
			await replaceCategoryQuotas(trx, delegationId, set);
			await audit(trx, actor, eventId, 'delegation.category_quotas', {
				delegation: delegation.code,
				quotas: Object.fromEntries(set.map((q) => [q.category, q.quota]))
			});
		});
}

/** Sets the nomination deadline (in the event's zone, already converted) and the reminder. */
export async function setNominationSettings(
	actor: Actor,
	eventId: number,
	settings: { deadline: Date | null; reminderDays: number | null; endorsement?: boolean }
): Promise<void> {
	await assertCan(actor, eventId, 'focal_points.manage');
	await db()
		.transaction()
		.execute(async (trx) => {
			await lockEvent(trx, eventId);
			await setEventNominationSettings(trx, eventId, settings);
			await audit(trx, actor, eventId, 'event.nomination_settings', {
				deadline: settings.deadline?.toISOString() ?? null,
				reminder_days: settings.reminderDays,
				...(settings.endorsement !== undefined ? { endorsement: settings.endorsement } : {})
			});
		});
}

type MailKind = 'call' | 'reminder';
type FocalPointRows = Awaited<ReturnType<typeof listFocalPoints>>;

async function mailFocalPoints(
	trx: Trx,
	event: Event,
	kind: MailKind,
	focalPoints: FocalPointRows,
	progress: Map<number, DelegationProgress>,
	message: string | undefined,
	dedupe: string
): Promise<number> {
	const at = now();
	const mails: QueuedMail[] = [];
	const links = await newFocalPointLinks(
		trx,
		focalPoints.map((fp) => fp.id),
		event.nomination_deadline,
		at
	);
	for (const fp of focalPoints) {
		const link = links.get(fp.id)!;
		const state = progress.get(fp.delegation_id);
		mails.push({
			...nominationCallMail({
				kind,
				event,
				focalPoint: fp,
				delegation: delegationNaming(fp),
				quotas: state?.quotas ?? [],
				missing:
					kind === 'reminder' && state
						? missingIn(state, toLocale(fp.language) ?? 'en')
						: undefined,
				message,
				link
			}),
			to: fp.email,
			template: `nomination_${kind}`,
			dedupeKey: `nomination-${kind}-${fp.id}-${dedupe}`,
			eventId: event.id
		});
	}
	await enqueueEmails(trx, mails);
	await markMailed(
		trx,
		focalPoints.map((f) => f.id),
		kind === 'call' ? 'called_at' : 'reminded_at',
		at
	);
	return mails.length;
}

/** Sends the call for nominations to the chosen focal points (all when none is chosen). */
export function sendCall(
	actor: Actor,
	eventId: number,
	focalPointIds: number[] | 'all',
	message?: string
): Promise<number> {
	return mailSelected(actor, eventId, 'call', message, (all) => {
		const chosen = focalPointIds === 'all' ? all : all.filter((f) => focalPointIds.includes(f.id));
		if (chosen.length === 0) {
			throw new DomainError('invalid', m.err_choose_focal_point(), 'focalPoints');
		}
		return chosen;
	});
}

/** Reminds the focal points of every delegation that has not finished; how many were mailed. */
export function remindUnfinished(actor: Actor, eventId: number): Promise<number> {
	return mailSelected(actor, eventId, 'reminder', undefined, (all, progress) =>
		all.filter((f) => f.called_at !== null && !progress.get(f.delegation_id)?.finished)
	);
}

/** Mails a call or reminder, under the event lock, to the focal points `select` picks; audited. */
async function mailSelected(
	actor: Actor,
	eventId: number,
	kind: MailKind,
	message: string | undefined,
	select: (all: FocalPointRows, progress: Map<number, DelegationProgress>) => FocalPointRows
): Promise<number> {
	await assertCan(actor, eventId, 'focal_points.manage');
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await lockEvent(trx, eventId);
			const progress = await delegationProgress(trx, event, now());
			const chosen = select(await listFocalPoints(trx, eventId), progress);
			if (chosen.length === 0) return 0;
			const sent = await mailFocalPoints(
				trx,
				event,
				kind,
				chosen,
				progress,
				message,
				String(now().getTime())
			);
			await audit(trx, actor, eventId, kind === 'call' ? 'nomination.call' : 'nomination.remind', {
				focal_points: chosen.map((f) => f.email)
			});
			return sent;
		});
}

/**
 * The automatic reminder, N days before the deadline, for focal points of unfinished
 * delegations: sent once, even with several workers (the claim is one UPDATE). Run by the worker.
 */
export async function sendAutoReminders(database: DB = db()): Promise<number> {
	return database.transaction().execute(async (trx) => {
		const at = now();
		const claimed = await claimAutoReminders(trx, at);
		if (claimed.length === 0) return 0;
		let sent = 0;
		for (const eventId of [...new Set(claimed.map((c) => c.event_id))]) {
			const event = await findEventById(trx, eventId);
			if (!event) continue;
			const progress = await delegationProgress(trx, event, at);
			const ids = new Set(claimed.filter((c) => c.event_id === eventId).map((c) => c.id));
			const due = (await listFocalPoints(trx, eventId)).filter(
				(f) => ids.has(f.id) && !progress.get(f.delegation_id)?.finished
			);
			if (due.length === 0) continue;
			sent += await mailFocalPoints(trx, event, 'reminder', due, progress, undefined, 'auto');
		}
		return sent;
	});
}

/** The focal points of an event, for the board and the delegation's page. */
export async function focalPointsOf(actor: Actor, eventId: number, delegationId?: number) {
	await assertCan(actor, eventId, 'delegations.board');
	return listFocalPoints(db(), eventId, delegationId);
}
