import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/lib/server/exports/csv.ts';

describe('CSV lines', () => {
	it('quote what would otherwise split a field or a row, and read back exactly', () => {
		const rows = [
			['Nguyễn Thị Minh Khai', 'plain'],
			['Comma, inside', 'Say "hello"'],
			['Wheelchair access\nand a ramp', 'line\r\nbreak', 'carriage\rreturn'],
			['', "'+66 2 123 4567"]
		];
		const text = rows.map(csvLine).join('');
		expect(csvLine(['a', 'b,c', 'd"e', 'f\ng'])).toBe('a,"b,c","d""e","f\ng"\r\n');
		expect(parse(text, { relax_column_count: true })).toEqual(rows);
	});
});
