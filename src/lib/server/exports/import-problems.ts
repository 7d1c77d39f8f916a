import type { Actor } from '../auth/actor.ts';
import type { Event } from '../db/schema.ts';
import { REPORT_COLUMNS, type CsvColumn, type PreviewRow } from '../invitations/csv-import.ts';
import { previewImport } from '../invitations/invitation-import.service.ts';
import { column, textCell, type Export } from './export.ts';
import { m } from '../../paraglide/messages.js';

// The rows of an uploaded invitation list that cannot be imported, as the organizer wrote them,
// each with its row number in the uploaded file and every problem it has. The import ignores
// the two added columns, so the corrected file can be uploaded again as it is.

type EventFields = Pick<Event, 'code' | 'time_zone'>;

/** The problem rows of a checked upload with the upload's own columns. */
export function importProblemsExport(
	event: EventFields,
	upload: { id: number; header: CsvColumn[]; rows: PreviewRow[] }
): Export {
	return {
		title: m.exp_sheet_import_problems(),
		name: `invitation-import-${upload.id}-problems`,
		timeZone: event.time_zone,
		columns: [
			column(REPORT_COLUMNS.row, 6),
			...upload.header.map((name) => column(name, 20)),
			column(REPORT_COLUMNS.problems, 60)
		],
		rows: upload.rows
			.filter((r) => r.problems.length > 0)
			.map((r) => [
				String(r.row),
				...upload.header.map((name) => textCell(r.cells[name])),
				r.problems.join(' ')
			])
	};
}

/** The problem report of an upload of the event (a DomainError when there is no such upload). */
export async function openImportProblems(
	actor: Actor,
	event: Pick<Event, 'id'> & EventFields,
	importId: number
): Promise<Export> {
	const preview = await previewImport(actor, event.id, importId);
	return importProblemsExport(event, {
		id: preview.id,
		header: preview.header,
		rows: preview.rows
	});
}
