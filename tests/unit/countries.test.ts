import { describe, expect, it } from 'vitest';
import {
	COUNTRY_OPTIONS,
	countryName,
	countryNameIn,
	countryOptionsIn
} from '../../src/lib/countries.ts';

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

describe('country names in Japanese', () => {
	it('are the short names governments write, without a gloss in brackets', () => {
		expect(['MM', 'LA', 'VN', 'BN', 'TL', 'HK', 'CD'].map((c) => countryNameIn(c, 'ja'))).toEqual([
			'ミャンマー',
			'ラオス',
			'ベトナム',
			'ブルネイ',
			'東ティモール',
			'香港',
			'コンゴ民主共和国'
		]);
		expect(countryNameIn('MM', 'en')).toBe(countryName('MM'));
	});

	it('name every country of the picker once, none ending in a gloss', () => {
		const names = countryOptionsIn('ja').map((c) => c.name);
		expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
		expect(names.filter((name) => /[)）]$/.test(name))).toEqual([]);
	});
});
