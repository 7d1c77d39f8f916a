import { categoryLabel, categoryPlural } from '../../domain/category.ts';
import type { Actor } from '../auth/actor.ts';
import type { Event } from '../db/schema.ts';
import { delegationBoard } from '../delegations/board.service.ts';
import { column, type Export } from './export.ts';

// The delegation board as a spreadsheet: one row per delegation, as the board shows it.

const LETTER = { received: 'received, to verify', verified: 'verified', rejected: 'rejected' };

export async function delegationBoardExport(actor: Actor, event: Event): Promise<Export> {
	const { rows } = await delegationBoard(actor, event);
	return {
		title: 'Delegations',
		name: 'delegations',
		timeZone: event.time_zone,
		columns: [
			column('Delegation', 28),
			column('Code', 8),
			column('Focal points', 40),
			column('Places', 48),
			column('Nominated', 10),
			column('Registered', 10),
			column('Confirmed', 10),
			column(categoryLabel('head_of_delegation'), 28),
			column('Letter', 20),
			column('Letter decided by', 24),
			column('Reason', 40),
			column('Missing', 48),
			column('Last activity', 18, 'datetime')
		],
		rows: rows.map((r) => [
			r.name,
			r.code,
			r.focalPoints.map((f) => `${f.name} <${f.email}>`).join('; '),
			r.categories
				.filter((c) => c.quota !== null || c.nominated > 0)
				.map(
					(c) =>
						`${categoryPlural(c.category)} ${c.nominated}${c.quota !== null ? `/${c.quota}` : ''}`
				)
				.join('; '),
			String(r.nominated),
			String(r.registered),
			String(r.confirmed),
			r.head?.name ?? '',
			r.letter ? LETTER[r.letter.status] : 'missing',
			r.letter?.decidedBy ?? '',
			r.letter?.reason ?? '',
			r.missing.join('; '),
			r.lastActivity
		])
	};
}
