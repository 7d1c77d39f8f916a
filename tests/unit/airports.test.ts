import { describe, expect, it } from 'vitest';
import { AIRPORT_OPTIONS, airportCode, airportLabel } from '../../src/lib/airports.ts';

describe('airports', () => {
	it('finds the IATA code in what people type', () => {
		for (const typed of [
			'HAN',
			' han ',
			'Noi Bai (HAN)',
			'HAN terminal 2',
			'Noi Bai',
			'noi bai international',
			'Noi Bai International, Hanoi (HAN)'
		]) {
			expect(airportCode(typed), typed).toBe('HAN');
		}
		expect(airportCode('Suvarnabhumi')).toBe('BKK');
		// A code outside the table still counts when typed alone; words in capitals do not.
		expect(airportCode('xyz')).toBe('XYZ');
		expect(airportCode('THE Gia Lam airfield')).toBeNull();
		expect(airportCode('')).toBeNull();
	});

	it('offers each airport once, by name with its code', () => {
		expect(airportLabel('HAN')).toBe('Noi Bai International, Hanoi (HAN)');
		expect(airportLabel('XYZ')).toBe('XYZ');
		expect(new Set(AIRPORT_OPTIONS).size).toBe(AIRPORT_OPTIONS.length);
		// Every label offered leads back to its code.
		for (const option of AIRPORT_OPTIONS) expect(airportCode(option)).toBe(option.slice(-4, -1));
	});
});
