// What every exporter produces and every renderer (csv.ts, xlsx.ts) consumes: named columns and
// rows of cells. Every tabular file Kaigi offers is one of these — registrations, logistics
// lists, visit manifests, the invitation template, an import's problems — so quoting, formula
// neutralisation, the byte-order mark and the file name are decided once, in the renderers and
// in download.ts. Big exports read their rows lazily (a 100 000-row export never sits in
// memory); small lists may hand over an array.

export type CellType = 'text' | 'datetime' | 'date';

export type ExportColumn = {
	header: string;
	type: CellType;
	/** Width in characters for spreadsheets. */
	width: number;
};

/** A text, an instant (shown in the event's zone), a calendar day 'YYYY-MM-DD' or nothing. */
export type ExportCell = string | Date | null;

export type Export = {
	/** Sheet name. */
	title: string;
	/** What the file holds, in its name: "<CODE>-<name>-<YYYY-MM-DD>.csv" (ASCII, no spaces). */
	name: string;
	/** IANA zone in which instants are written. */
	timeZone: string;
	columns: ExportColumn[];
	rows: AsyncIterable<ExportCell[]> | Iterable<ExportCell[]>;
};

/** A column of text (or of the given type), `width` characters wide in a spreadsheet. */
export function column(header: string, width: number, type: CellType = 'text'): ExportColumn {
	return { header, type, width };
}

/** A day 'YYYY-MM-DD' as a date cell (empty when there is none). */
export function dayCell(day: string | null | undefined): Date | null {
	return day ? new Date(`${day}T00:00:00Z`) : null;
}

/** A text cell; empty text is an empty cell. */
export function textCell(value: string | number | null | undefined): string | null {
	if (value === null || value === undefined || value === '') return null;
	return String(value);
}
