import { describe, expect, it } from 'vitest';
import {
	badgeName,
	formalAddress,
	listName,
	manifestName,
	nameSortKey,
	personName
} from '../../src/lib/domain/person-name.ts';

// One convention on every list: the FAMILY name in capitals, then the given name; one name as written.
const khai = { honorific: 'Ms.', given_name: 'Thị Minh Khai', family_name: 'Nguyễn' };
const suharto = { honorific: 'Mr.', given_name: null, family_name: 'Suharto' };
const tanaka = { honorific: 'Mr.', given_name: 'Hiroshi', family_name: 'Tanaka' };

describe('person names', () => {
	it('writes a Vietnamese family-first name with the family name marked, never reordered', () => {
		expect(personName(khai)).toBe('NGUYỄN Thị Minh Khai');
		expect(listName(khai)).toBe('Ms. NGUYỄN Thị Minh Khai');
		expect(manifestName(khai)).toBe('Ms. NGUYỄN Thị Minh Khai');
		expect(formalAddress(khai)).toBe('Ms. NGUYỄN Thị Minh Khai');
		expect(badgeName(khai)).toBe('NGUYỄN Thị Minh Khai');
	});

	it('writes a one-name Indonesian official as written, on every list', () => {
		expect(personName(suharto)).toBe('Suharto');
		expect(listName(suharto)).toBe('Mr. Suharto');
		expect(manifestName(suharto)).toBe('Mr. Suharto');
		expect(formalAddress(suharto)).toBe('Mr. Suharto');
		expect(badgeName(suharto)).toBe('Suharto');
		// A blank given name is no given name.
		expect(listName({ ...suharto, given_name: '  ' })).toBe('Mr. Suharto');
	});

	it('writes the same line for the list of participants and the manifest', () => {
		for (const person of [khai, suharto, tanaka]) {
			expect(manifestName(person)).toBe(listName(person));
		}
		expect(listName(tanaka)).toBe('Mr. TANAKA Hiroshi');
	});

	it('leaves out a missing honorific and trims stray spaces', () => {
		expect(listName({ honorific: null, given_name: ' Van A ', family_name: ' Nguyen ' })).toBe(
			'NGUYEN Van A'
		);
		expect(listName({ honorific: ' ', given_name: null, family_name: 'Sumarsono' })).toBe(
			'Sumarsono'
		);
	});

	it('prints the badge name the person chose, else their name', () => {
		expect(badgeName({ ...khai, badge_name: 'Minh Khai' })).toBe('Minh Khai');
		expect(badgeName({ ...khai, badge_name: '   ' })).toBe('NGUYỄN Thị Minh Khai');
	});

	it('sorts by family then given name, folded like the database (nguyen finds Nguyễn)', () => {
		expect(nameSortKey(khai)).toBe('nguyen thi minh khai');
		expect(nameSortKey(suharto)).toBe('suharto ');
		expect(nameSortKey({ given_name: 'Đức', family_name: 'Trần' })).toBe('tran duc');
		const sorted = [tanaka, khai, suharto].sort((a, b) =>
			nameSortKey(a).localeCompare(nameSortKey(b))
		);
		expect(sorted.map(personName)).toEqual(['NGUYỄN Thị Minh Khai', 'Suharto', 'TANAKA Hiroshi']);
	});
});
