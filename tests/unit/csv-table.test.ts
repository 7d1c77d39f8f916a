import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/server/exports/csv-table.ts';

describe('small CSV tables (logistics lists, visit manifests)', () => {
	it('keep a multi-line note in one cell and neutralise formulas', () => {
		const csv = toCsv({
			columns: ['Name', 'Notes', 'Phone'],
			rows: [
				['Nguyễn Thị Minh Khai', 'Wheelchair\nground floor room', '+66 81 234 5678'],
				['=HYPERLINK("http://x")', 'a "quoted" word\r\nand a CR', null]
			]
		});
		expect(csv.startsWith('\ufeff')).toBe(true);
		const rows = parse(csv.slice(1), { relax_column_count: false }) as string[][];
		expect(rows).toEqual([
			['Name', 'Notes', 'Phone'],
			['Nguyễn Thị Minh Khai', 'Wheelchair\nground floor room', "'+66 81 234 5678"],
			['\'=HYPERLINK("http://x")', 'a "quoted" word\r\nand a CR', '']
		]);
	});
});
