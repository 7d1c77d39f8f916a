import { categoryLabelIn, categoryPluralIn } from '../../domain/category.ts';
import { delegationNameIn, officialLocale } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import type { Event } from '../db/schema.ts';
import { delegationBoard } from '../delegations/board.service.ts';
import { missingIn } from '../delegations/delegation-progress.ts';
import { column, type Export } from './export.ts';

// The delegation board as a spreadsheet: one row per delegation, as the board shows it, in the
// event's official language (the language of its files).

export async function delegationBoardExport(actor: Actor, event: Event): Promise<Export> {
	const { rows } = await delegationBoard(actor, event);
	const locale = officialLocale(event);
	const t = { locale };
	const letter = {
		received: m.dlg_letter_received({}, t),
		verified: m.dlg_letter_verified({}, t),
		rejected: m.dlg_letter_rejected({}, t)
	};
	return {
		title: m.dlx_title({}, t),
		name: 'delegations',
		timeZone: event.time_zone,
		columns: [
			column(m.exp_col_delegation({}, t), 28),
			column(m.dlx_col_code({}, t), 8),
			column(m.dlg_col_focal_points({}, t), 40),
			column(m.dlg_col_places({}, t), 48),
			column(m.dlx_col_nominated({}, t), 10),
			column(m.dlx_col_registered({}, t), 10),
			column(m.dlx_col_confirmed({}, t), 10),
			column(categoryLabelIn('head_of_delegation', locale), 28),
			column(m.dlg_col_letter({}, t), 20),
			column(m.dlx_col_decided_by({}, t), 24),
			column(m.dlx_col_reason({}, t), 40),
			column(m.dlx_col_missing({}, t), 48),
			column(m.dlg_col_last_activity({}, t), 18, 'datetime')
		],
		rows: rows.map((r) => [
			delegationNameIn(r, locale),
			r.code,
			r.focalPoints.map((f) => `${f.name} <${f.email}>`).join('; '),
			r.categories
				.filter((c) => c.quota !== null || c.nominated > 0)
				.map(
					(c) =>
						`${categoryPluralIn(c.category, locale)} ${c.nominated}${c.quota !== null ? `/${c.quota}` : ''}`
				)
				.join('; '),
			String(r.nominated),
			String(r.registered),
			String(r.confirmed),
			r.head?.name ?? '',
			r.letter ? letter[r.letter.status] : m.dlg_letter_missing({}, t),
			r.letter?.decidedBy ?? '',
			r.letter?.reason ?? '',
			missingIn(r, locale).join(m.punct_list_long({}, t)),
			r.lastActivity
		])
	};
}
