import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { seatLabel, visitManifest, type ManifestRow } from '../visits/manifest.ts';
import { findVisit } from '../visits/visit.repository.ts';
import { column, textCell, type Export } from './export.ts';

// The manifest of one field visit as an export: who is on the bus, how to reach them, what they
// need; confirmed seats first, then the wait-list in order (visits/manifest.ts).

type EventFields = Pick<Event, 'id' | 'code' | 'time_zone'>;

/** The manifest rows of a visit as an export. */
export function manifestExport(
	event: EventFields,
	visit: { id: number; title: string },
	rows: ManifestRow[]
): Export {
	return {
		title: `Visit ${visit.id} manifest`,
		name: `visit-${visit.id}-manifest`,
		timeZone: event.time_zone,
		columns: [
			column('No.', 5),
			column('Name', 30),
			column('Delegation', 22),
			column('Reference', 16),
			column('Phone', 18),
			column('Dietary requirement', 24),
			column('Accessibility needs', 30),
			column('Seat', 16)
		],
		rows: rows.map((r, i) => [
			String(i + 1),
			textCell(r.name),
			textCell(r.delegation),
			textCell(r.reference),
			textCell(r.phone),
			textCell(r.dietary),
			textCell(r.accessibility),
			seatLabel(r)
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
	return manifestExport(event, visit, await visitManifest(db(), visit.id));
}
