import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { seatLabel, visitManifest, type ManifestRow } from '../visits/manifest.ts';
import { findVisit } from '../visits/visit.repository.ts';
import { column, textCell, type Export } from './export.ts';
import { officialLocale } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';

// The manifest of one field visit as an export: who is on the bus, how to reach them, what they
// need; confirmed seats first, then the wait-list in order (visits/manifest.ts).

type EventFields = Pick<Event, 'id' | 'code' | 'time_zone' | 'official_language'>;

/** The manifest rows of a visit as an export. */
export function manifestExport(
	event: EventFields,
	visit: { id: number; title: string },
	rows: ManifestRow[]
): Export {
	const o = { locale: officialLocale(event) };
	return {
		title: m.exp_manifest_title({ id: visit.id }, o),
		name: `visit-${visit.id}-manifest`,
		timeZone: event.time_zone,
		columns: [
			column(m.vis_m_col_no({}, o), 5),
			column(m.log_col_name({}, o), 30),
			column(m.exp_col_delegation({}, o), 22),
			column(m.exp_col_reference({}, o), 16),
			column(m.exp_col_phone({}, o), 18),
			column(m.exp_col_dietary({}, o), 24),
			column(m.exp_col_accessibility({}, o), 30),
			column(m.vis_m_col_seat({}, o), 16)
		],
		rows: rows.map((r, i) => [
			String(i + 1),
			textCell(r.name),
			textCell(r.delegation),
			textCell(r.reference),
			textCell(r.phone),
			textCell(r.dietary),
			textCell(r.accessibility),
			seatLabel(r, o.locale)
		])
	};
}

/** The manifest of a visit of the event named by a route parameter; null when there is none. */
export async function openVisitManifest(
	actor: Actor,
	event: EventFields,
	id: string
): Promise<Export | null> {
	await assertCan(actor, event.id, 'exports');
	const visit = /^\d{1,12}$/.test(id) ? await findVisit(db(), event.id, Number(id)) : undefined;
	if (!visit) return null;
	return manifestExport(event, visit, await visitManifest(db(), visit.id, officialLocale(event)));
}
