import { delegationNaming } from '../registrations/person-columns.ts';
import { m } from '../../paraglide/messages.js';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import { letterDecisionMail } from '../mail/templates/nominations.ts';
import { delegationProgress, type DelegationProgress } from './delegation-progress.ts';
import {
	decideLetter,
	findLetterFile,
	lastActivity,
	listFocalPoints,
	lockLetter
} from './focal-point.repository.ts';

// The secretariat's delegation board: one row per delegation — its focal points, places per
// category against nominations, its head, its letter — and the letter's verification.

export const BOARD_FILTERS = {
	all: 'All delegations',
	letter: 'Letter missing or rejected',
	unverified: 'Letter to verify',
	quota: 'Under quota',
	head: 'No head of delegation'
} as const;
export type BoardFilter = keyof typeof BOARD_FILTERS;

export function isBoardFilter(value: string | null): value is BoardFilter {
	return value !== null && value in BOARD_FILTERS;
}

function matches(row: DelegationProgress, filter: BoardFilter): boolean {
	switch (filter) {
		case 'letter':
			return !row.letter || row.letter.status === 'rejected';
		case 'unverified':
			return row.letter?.status === 'received';
		case 'quota':
			return row.underQuota;
		case 'head':
			return row.head === null;
		default:
			return true;
	}
}

export type BoardRow = DelegationProgress & {
	focalPoints: Array<{ id: number; name: string; email: string; calledAt: Date | null }>;
	lastActivity: Date | null;
};

/** The board's rows, filtered, with a count per filter. */
export async function delegationBoard(actor: Actor, event: Event, filter: BoardFilter = 'all') {
	await assertCan(actor, event.id, 'delegations.board');
	const [progress, focalPoints, activity] = await Promise.all([
		delegationProgress(db(), event, now()),
		listFocalPoints(db(), event.id),
		lastActivity(db(), event.id)
	]);
	const rows: BoardRow[] = [...progress.values()].map((p) => {
		const called = focalPoints.filter((f) => f.delegation_id === p.delegationId);
		const times = [
			activity.find((a) => a.delegation_id === p.delegationId)?.at ?? null,
			...called.map((f) => f.called_at)
		].filter((t): t is Date => t !== null);
		return {
			...p,
			focalPoints: called.map((f) => ({
				id: f.id,
				name: f.name,
				email: f.email,
				calledAt: f.called_at
			})),
			lastActivity: times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null
		};
	});
	const counts = Object.fromEntries(
		(Object.keys(BOARD_FILTERS) as BoardFilter[]).map((f) => [
			f,
			rows.filter((r) => matches(r, f)).length
		])
	) as Record<BoardFilter, number>;
	return { rows: rows.filter((r) => matches(r, filter)), counts };
}

/** A nomination letter of the event, for staff to open in the browser. */
export async function letterFile(actor: Actor, eventId: number, letterId: number) {
	await assertCan(actor, eventId, 'delegations.board');
	const file = await findLetterFile(db(), eventId, letterId);
	if (!file) throw new DomainError('not_found', m.err_no_letter());
	return file;
}

/** Verifies or rejects a letter (with a reason the focal point sees); its focal points are told. */
export async function decideOnLetter(
	actor: Actor,
	event: Event,
	letterId: number,
	decision: { decision: 'verified' } | { decision: 'rejected'; reason: string }
): Promise<void> {
	await assertCan(actor, event.id, 'delegations.board');
	await db()
		.transaction()
		.execute(async (trx) => {
			const letter = await lockLetter(trx, event.id, letterId);
			if (!letter) throw new DomainError('not_found', m.err_no_letter());
			if (letter.status !== 'received') {
				throw new DomainError('stale', m.err_letter_already({ status: letter.status }));
			}
			const reason = decision.decision === 'rejected' ? decision.reason : null;
			await decideLetter(trx, letter.id, {
				status: decision.decision,
				by: actor.id,
				at: now(),
				reason
			});
			const focalPoints = await listFocalPoints(trx, event.id, letter.delegation_id);
			await enqueueEmails(
				trx,
				focalPoints.map((fp) => ({
					...letterDecisionMail({
						event,
						focalPoint: fp,
						delegation: delegationNaming(fp),
						decision: decision.decision,
						reason
					}),
					to: fp.email,
					template: `letter_${decision.decision}`,
					dedupeKey: `letter-${letter.id}-${decision.decision}-${fp.id}`,
					eventId: event.id
				}))
			);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: `delegation.letter_${decision.decision}`,
				entityType: 'delegation_letter',
				entityId: letter.id,
				eventId: event.id,
				diff: { delegation: letter.code, ...(reason ? { reason } : {}) }
			});
		});
}

/** The dashboard's delegations panel: how many delegations stand where; null without focal points. */
export async function delegationsPanel(actor: Actor, event: Event) {
	const { rows, counts } = await delegationBoard(actor, event);
	const withFocalPoints = rows.filter((r) => r.focalPoints.length > 0).length;
	if (withFocalPoints === 0) return null;
	return {
		total: counts.all,
		withFocalPoints,
		complete: rows.filter((r) => r.finished).length,
		toVerify: counts.unverified,
		letterMissing: counts.letter,
		underQuota: counts.quota,
		noHead: counts.head,
		deadline: event.nomination_deadline
	};
}
