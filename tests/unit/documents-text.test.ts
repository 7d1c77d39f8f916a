import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/server/config.ts';
import { longDayRange } from '../../src/lib/server/documents/document-values.ts';
import { defaultAddressee } from '../../src/lib/server/documents/embassies.ts';
import { markdownBlocks } from '../../src/lib/server/documents/markdown-blocks.ts';
import {
	fillPlaceholders,
	unknownPlaceholders
} from '../../src/lib/server/documents/placeholders.ts';
import { formatCode, normaliseCode } from '../../src/lib/server/documents/verification-code.ts';

// The small pieces of official documents: the body's blocks, placeholders, dates as letters
// write them, the default addressee, verification codes as people type them, the signing key.

describe('document text', () => {
	it('finds headings, list items and bold paragraphs before placeholders are filled', () => {
		const blocks = markdownBlocks(
			'# Title\n\nDear {{delegate.formal_name}},\nline two\n\n- one\n- **two**\n\n**All bold**'
		);
		expect(blocks).toEqual([
			{ kind: 'heading', text: 'Title', bold: true },
			{ kind: 'paragraph', text: 'Dear {{delegate.formal_name}},\nline two', bold: false },
			{ kind: 'item', text: 'one', bold: false },
			{ kind: 'item', text: 'two', bold: false },
			{ kind: 'paragraph', text: 'All bold', bold: true }
		]);
		// A value is text, never structure.
		expect(fillPlaceholders(blocks[1].text, { 'delegate.formal_name': '# Mr. X' })).toBe(
			'Dear # Mr. X,\nline two'
		);
	});

	it('names unknown placeholders once each, and keeps passport data to visa letters', () => {
		expect(unknownPlaceholders('{{ event.title }} {{nope}} {{nope}} {{}}', 'certificate')).toEqual([
			'nope',
			''
		]);
		expect(unknownPlaceholders('{{passport.number}}', 'visa_letter')).toEqual([]);
		expect(unknownPlaceholders('{{passport.number}}', 'invitation_letter')).toEqual([
			'passport.number'
		]);
	});

	it('writes dates and addressees as letters do', () => {
		expect(longDayRange('2027-02-15', '2027-02-19')).toBe('15–19 February 2027');
		expect(longDayRange('2027-02-28', '2027-03-02')).toBe('28 February – 2 March 2027');
		expect(longDayRange('2026-12-30', '2027-01-02')).toBe('30 December 2026 – 2 January 2027');
		expect(defaultAddressee('VN')).toBe('Embassy of Japan in Viet Nam, Hanoi');
		expect(defaultAddressee('LA')).toBe('Embassy of Japan in Lao PDR, Vientiane');
		expect(defaultAddressee('JP')).toBe('To whom it may concern');
	});

	it('reads verification codes as people type them', () => {
		expect(formatCode('K7QXM2PA9D3E')).toBe('K7QX-M2PA-9D3E');
		expect(normaliseCode(' k7qx m2pa-9d3e ')).toBe('K7QXM2PA9D3E');
		expect(normaliseCode('OIL0-0000-0000')).toBe('01100000000' + '0');
		expect(normaliseCode('K7QX-M2PA')).toBeNull();
		expect(normaliseCode('K7QX-M2PA-9D3U')).toBeNull();
	});

	it('takes a document signing key only as a 32-byte seed', () => {
		expect(() => parseConfig({ DOCUMENT_SIGNING_KEY: 'short' })).toThrow(/DOCUMENT_SIGNING_KEY/);
		const seed = Buffer.alloc(32, 7).toString('base64');
		expect(parseConfig({ DOCUMENT_SIGNING_KEY: seed }).documentSigningKey).toBe(seed);
	});
});
