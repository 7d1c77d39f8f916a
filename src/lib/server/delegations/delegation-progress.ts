import { CATEGORIES, categoryPluralIn, type Category } from '../../domain/category.ts';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { DB } from '../db/database.ts';
import type { LetterStatus } from '../db/schema.ts';
import { listDelegations } from '../events/event.repository.ts';
import {
	countNominations,
	HOLDING,
	latestLetters,
	listCategoryQuotas,
	listHeads
} from './focal-point.repository.ts';
import type { Transaction } from 'kysely';
import type { Database, Delegation, Event, Translations } from '../db/schema.ts';

// Where each delegation of an event stands: places per category against what it has nominated,
// registered and confirmed, its head, its letter, and what is still missing. One query per need,
// for every delegation at once (the board, the reminders, the delegation's own page).

export type CategoryProgress = {
	category: Category;
	quota: number | null;
	/** Registrations holding or asking for a seat, plus invitations still open. */
	nominated: number;
	registered: number;
	confirmed: number;
};

export type LetterState = {
	id: number;
	status: LetterStatus;
	uploadedAt: Date;
	decidedAt: Date | null;
	decidedBy: string | null;
	reason: string | null;
	fileName: string;
	size: number;
};

export type DelegationProgress = {
	delegationId: number;
	code: string;
	/** The delegation's name as written, and what names it in other languages (delegationNameIn). */
	name: string;
	kind: Delegation['kind'];
	country_code: string | null;
	translations: Translations;
	quotas: Array<{ category: Category; quota: number }>;
	categories: CategoryProgress[];
	nominated: number;
	registered: number;
	confirmed: number;
	head: { registrationId: number; reference: string; name: string } | null;
	letter: LetterState | null;
	/** Every category quota filled, a head named, and a letter received or verified. */
	finished: boolean;
	underQuota: boolean;
};

type Executor = DB | Transaction<Database>;

/** The progress of every delegation of the event (or one), keyed by delegation id. */
export async function delegationProgress(
	executor: Executor,
	event: Pick<Event, 'id'>,
	at: Date,
	delegationId?: number
): Promise<Map<number, DelegationProgress>> {
	const [delegations, quotas, counts, heads, letters] = await Promise.all([
		listDelegations(executor, event.id),
		listCategoryQuotas(executor, event.id, delegationId),
		countNominations(executor, event.id, at, delegationId),
		listHeads(executor, event.id),
		latestLetters(executor, event.id, delegationId)
	]);
	const result = new Map<number, DelegationProgress>();
	for (const d of delegations) {
		if (delegationId !== undefined && d.id !== delegationId) continue;
		const mine = counts.filter((c) => c.delegation_id === d.id);
		const categories = CATEGORIES.map((category): CategoryProgress => {
			const rows = mine.filter((c) => c.category === category);
			const registered = rows.reduce((s, r) => s + r.registered, 0);
			return {
				category,
				quota:
					quotas.find((q) => q.delegation_id === d.id && q.category === category)?.quota ?? null,
				nominated: registered + rows.reduce((s, r) => s + r.invited, 0),
				registered,
				confirmed: rows.reduce((s, r) => s + r.confirmed, 0)
			};
		});
		const headRow = heads.find(
			(h) => h.delegation_id === d.id && (HOLDING as readonly string[]).includes(h.status)
		);
		const letterRow = letters.find((l) => l.delegation_id === d.id);
		const letter: LetterState | null = letterRow
			? {
					id: letterRow.id,
					status: letterRow.status,
					uploadedAt: letterRow.uploaded_at,
					decidedAt: letterRow.decided_at,
					decidedBy: letterRow.decided_by_name,
					reason: letterRow.reason,
					fileName: letterRow.file_name,
					size: letterRow.size
				}
			: null;
		const withQuota = categories.filter((c) => c.quota !== null && c.quota > 0);
		const short = withQuota.filter((c) => c.nominated < (c.quota ?? 0));
		const lacking = short.length > 0 || !headRow || !letter || letter.status === 'rejected';
		result.set(d.id, {
			delegationId: d.id,
			code: d.code,
			name: d.name,
			kind: d.kind,
			country_code: d.country_code,
			translations: d.translations,
			quotas: withQuota.map((c) => ({ category: c.category, quota: c.quota ?? 0 })),
			categories,
			nominated: categories.reduce((s, c) => s + c.nominated, 0),
			registered: categories.reduce((s, c) => s + c.registered, 0),
			confirmed: categories.reduce((s, c) => s + c.confirmed, 0),
			head: headRow
				? {
						registrationId: headRow.registration_id,
						reference: headRow.reference,
						name: headRow.badge_name
					}
				: null,
			letter,
			finished: !lacking,
			underQuota: short.length > 0
		});
	}
	return result;
}

/**
 * What a delegation still lacks, in a language: "1 of 2 delegates nominated", "the head of
 * delegation", "the nomination letter" (for its focal points, the staff's pages and the board's
 * spreadsheet). Empty when the delegation is finished.
 */
export function missingIn(progress: DelegationProgress, locale: Locale): string[] {
	const t = { locale };
	const short = progress.categories.filter(
		(c) => c.quota !== null && c.quota > 0 && c.nominated < c.quota
	);
	return [
		...short.map((c) =>
			m.fp_missing_nominated(
				{
					nominated: c.nominated,
					quota: c.quota ?? 0,
					categories: categoryPluralIn(c.category, locale)
				},
				t
			)
		),
		...(progress.head ? [] : [m.fp_missing_head({}, t)]),
		...(!progress.letter || progress.letter.status === 'rejected'
			? [m.fp_missing_letter({}, t)]
			: [])
	];
}
