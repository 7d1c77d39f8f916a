import { getLocale } from '../../paraglide/runtime.js';
import { m } from '../../paraglide/messages.js';
import { parse } from 'csv-parse/sync';
import { fieldErrors } from '../../schemas/fields.ts';
import { CATEGORIES, parseCategory } from '../../domain/category.ts';
import {
	CSV_COLUMNS,
	REQUIRED_CSV_COLUMNS,
	invitationSchema,
	type InvitationInput
} from '../../schemas/invitation.ts';
import { DomainError } from '../errors.ts';

// Reading an invitation list exported from Excel or LibreOffice: UTF-8 with or without a BOM,
// commas or semicolons (European Excel writes semicolons). Each row is checked with the same
// schema as the "Invite someone" form, and gets a reason when it cannot be imported.

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export type CsvColumn = (typeof CSV_COLUMNS)[number][0];
export type ParsedCsv = { header: CsvColumn[]; records: string[][] };

// Header spellings people use for our columns.
const ALIASES: Record<string, CsvColumn> = {
	title: 'honorific',
	salutation: 'honorific',
	first_name: 'given_name',
	firstname: 'given_name',
	given_names: 'given_name',
	last_name: 'family_name',
	lastname: 'family_name',
	surname: 'family_name',
	e_mail: 'email',
	email_address: 'email',
	e_mail_address: 'email',
	country: 'delegation',
	organization: 'organisation',
	message: 'personal_message'
};

const KNOWN = new Set<string>(CSV_COLUMNS.map(([column]) => column));

/** The columns of a problem report (exports/import-problems.ts): ignored when read. */
export const REPORT_COLUMNS = { row: 'row', problems: 'problems' } as const;
const IGNORED = new Set<string>(Object.values(REPORT_COLUMNS));

function canonicalColumn(name: string): string {
	const key = name
		.normalize('NFC')
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
	return ALIASES[key] ?? key;
}

/** ';' when the header line has more semicolons than commas outside quotes, else ','. */
export function detectDelimiter(text: string): ',' | ';' {
	let commas = 0;
	let semicolons = 0;
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && char === '\n') break;
		else if (!quoted && char === ',') commas++;
		else if (!quoted && char === ';') semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

/**
 * The rows of an uploaded CSV file (header first), decoded as UTF-8 with either delimiter; a
 * file that cannot be read at all is a DomainError. Shared by every CSV import.
 */
export function readCsvRows(bytes: Uint8Array): string[][] {
	if (bytes.byteLength === 0) throw new DomainError('invalid', m.csv_empty(), 'file');
	if (bytes.byteLength > MAX_IMPORT_BYTES) {
		throw new DomainError(
			'invalid',
			m.csv_too_large({ rows: MAX_IMPORT_ROWS.toLocaleString(getLocale()) }),
			'file'
		);
	}
	let text: string;
	try {
		// Strips a UTF-8 BOM; refuses bytes that are not UTF-8 (e.g. a legacy "CSV (Comma delimited)" save).
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new DomainError('invalid', m.csv_not_utf8(), 'file');
	}
	// A NUL cannot be stored (PostgreSQL text and jsonb refuse it) and never belongs in a list of
	// names: such a file is a spreadsheet saved in another format, or not a CSV at all.
	if (text.includes('\u0000')) {
		throw new DomainError('invalid', m.csv_binary(), 'file');
	}
	let rows: string[][];
	try {
		rows = parse(text, {
			delimiter: detectDelimiter(text),
			bom: true,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: true
		}) as string[][];
	} catch (error) {
		const line = (error as { lines?: number }).lines;
		throw new DomainError(
			'invalid',
			line ? m.csv_unreadable_line({ line }) : m.csv_unreadable(),
			'file'
		);
	}
	rows = rows.filter((row) => row.some((cell) => cell !== ''));
	if (rows.length < 2) throw new DomainError('invalid', m.csv_no_rows(), 'file');
	if (rows.length - 1 > MAX_IMPORT_ROWS) {
		throw new DomainError(
			'invalid',
			m.csv_too_many_rows({
				count: (rows.length - 1).toLocaleString(getLocale()),
				max: MAX_IMPORT_ROWS.toLocaleString(getLocale())
			}),
			'file'
		);
	}
	return rows;
}

/** Decodes and parses an uploaded invitation file (readCsvRows, then its columns). */
export function parseInvitationCsv(bytes: Uint8Array): ParsedCsv {
	const rows = readCsvRows(bytes);
	// The columns a problem report adds are left out, so a corrected report can be uploaded as is.
	const keep = rows[0].map((cell, i) => (IGNORED.has(canonicalColumn(cell)) ? -1 : i));
	const kept = keep.filter((i) => i >= 0);
	const pick = (row: string[]) =>
		kept.length === row.length
			? row
			: [...kept.map((i) => row[i] ?? ''), ...row.slice(keep.length)];
	return {
		header: checkHeader(kept.map((i) => rows[0][i])),
		records: rows.slice(1).map(pick)
	};
}

function checkHeader(cells: string[]): CsvColumn[] {
	const header = cells.map(canonicalColumn);
	const expected = m.csv_expected({ columns: CSV_COLUMNS.map(([c]) => c).join(', ') });
	const unknown = cells.filter((_, i) => !KNOWN.has(header[i]));
	if (unknown.length) {
		throw new DomainError(
			'invalid',
			(unknown.length > 1 ? m.csv_unknown_many : m.csv_unknown_one)({
				columns: unknown.map((c) => `"${c}"`).join(', '),
				expected
			}),
			'file'
		);
	}
	const duplicate = header.find((c, i) => header.indexOf(c) !== i);
	if (duplicate) {
		throw new DomainError('invalid', m.csv_duplicate({ column: duplicate }), 'file');
	}
	const missing = REQUIRED_CSV_COLUMNS.filter((c) => !header.includes(c));
	if (missing.length) {
		throw new DomainError(
			'invalid',
			(missing.length > 1 ? m.csv_missing_many : m.csv_missing_one)({
				columns: missing.join(', '),
				expected
			}),
			'file'
		);
	}
	return header as CsvColumn[];
}

export type ImportContext = {
	delegations: Array<{ id: number; code: string; name: string }>;
	/** Addresses already invited to the event. */
	invited: Set<string>;
	/** Addresses already registered for the event, with their reference. */
	registered: Map<string, string>;
};

export type PreviewRow = {
	/** The row number as a spreadsheet shows it (the header is row 1). */
	row: number;
	cells: Partial<Record<CsvColumn, string>>;
	/** Every reason the row cannot be imported, in the order of its columns; empty when it can. */
	problems: string[];
	input: (InvitationInput & { delegationId: number }) | null;
};

/** A category by its code or its label in any case; anything else is left for the schema to refuse. */
function categoryCode(value: string): string {
	return parseCategory(value) ?? value.trim();
}

/** The form fields in the order of the columns, so a row's problems read left to right. */
const FIELD_ORDER = CSV_COLUMNS.map(([, field]) => field as string);

/**
 * Checks every row and gives each all of its problems at once (a row with a malformed address
 * and an unknown delegation says both), so one correction makes it importable. The same checks
 * run again when the organizer confirms.
 */
export function validateRecords(parsed: ParsedCsv, context: ImportContext): PreviewRow[] {
	const byKey = new Map<string, number>();
	for (const d of context.delegations) {
		byKey.set(d.code.toLowerCase(), d.id);
		byKey.set(d.name.toLowerCase(), d.id);
	}
	const codes = context.delegations.map((d) => d.code).join(', ');
	const firstRowOf = new Map<string, number>();
	return parsed.records.map((record, index) => {
		const row = index + 2;
		const cells: Partial<Record<CsvColumn, string>> = {};
		parsed.header.forEach((column, i) => (cells[column] = record[i] ?? ''));
		const problems: string[] = [];
		if (record.length > parsed.header.length) {
			problems.push(
				m.imp_too_many_values({ values: record.length, columns: parsed.header.length })
			);
		}
		const values = Object.fromEntries(
			CSV_COLUMNS.map(([column, field]) => [field, cells[column] ?? ''])
		);
		values.category = categoryCode(values.category);
		const checked = invitationSchema.safeParse(values);
		const errors = checked.success ? {} : fieldErrors(checked.error);
		for (const field of FIELD_ORDER) {
			const message = errors[field];
			if (!message) continue;
			if (field === 'email') problems.push(m.imp_bad_email({ email: cells.email ?? '' }));
			else if (field === 'category') {
				problems.push(
					m.imp_bad_category({ category: cells.category ?? '', categories: CATEGORIES.join(', ') })
				);
			} else problems.push(message);
		}
		for (const [field, message] of Object.entries(errors)) {
			if (!FIELD_ORDER.includes(field)) problems.push(message);
		}
		// The delegation and the address are looked up whenever they are well formed themselves.
		const delegation = (cells.delegation ?? '').trim();
		const delegationId = delegation ? byKey.get(delegation.toLowerCase()) : undefined;
		if (delegation && !errors.delegation && delegationId === undefined) {
			problems.push(m.imp_bad_delegation({ delegation, codes }));
		}
		if (!errors.email) {
			const email = (cells.email ?? '').trim().toLowerCase();
			const first = firstRowOf.get(email);
			if (first !== undefined) problems.push(m.imp_duplicate({ row: first }));
			else firstRowOf.set(email, row);
			if (context.invited.has(email)) problems.push(m.imp_already_invited());
			const reference = context.registered.get(email);
			if (reference) problems.push(m.imp_already_registered({ reference }));
		}
		const input =
			checked.success && problems.length === 0 && delegationId !== undefined
				? { ...checked.data, delegationId }
				: null;
		return { row, cells, problems, input };
	});
}
