import { describe, expect, it } from 'vitest';
import { COUNTRY_OPTIONS, countryName } from '../../src/lib/countries.ts';

describe('the country picker', () => {
	it('lists every country once', () => {
		const names = COUNTRY_OPTIONS.map((c) => c.name);
		expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
		expect(COUNTRY_OPTIONS.filter((c) => c.name === 'United Kingdom')).toEqual([
			{ code: 'GB', name: 'United Kingdom' }
		]);
	});

	it('still names a country stored under a code people use instead of ISO’s', () => {
		expect(countryName('UK')).toBe('United Kingdom');
		expect(countryName('GB')).toBe('United Kingdom');
		expect(countryName('XX')).toBe('XX');
	});
});
