// What every exporter produces and every renderer (csv.ts, xlsx.ts) consumes: named columns and
// rows of cells, read lazily so a 100 000-row export never sits in memory.

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
	/** Sheet name and file name stem. */
	title: string;
	/** IANA zone in which instants are written. */
	timeZone: string;
	columns: ExportColumn[];
	rows: AsyncIterable<ExportCell[]>;
};
