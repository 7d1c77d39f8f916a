import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '@inlang/paraglide-js';
import { afterAll, describe, expect, it } from 'vitest';
import {
	localizeHref,
	localizePath,
	negotiateLocale,
	splitLocalePath,
	toLocale
} from '../../src/lib/i18n/locales.ts';
import { decideLanguage } from '../../src/lib/server/http/language.ts';
import { m } from '../../src/lib/paraglide/messages.js';

// Which language a request is answered in, how an address carries it, and that a language
// added with only some of its messages shows English for the rest, never a message key.

function request(path: string, headers: Record<string, string> = {}, cookie?: string) {
	const url = new URL(`http://kaigi.test${path}`);
	return {
		url,
		request: new Request(url, { headers }),
		isDataRequest: false,
		cookies: { get: (name: string) => (name === 'kaigi_lang' ? cookie : undefined) }
	} as unknown as Parameters<typeof decideLanguage>[0];
}
const page = { accept: 'text/html,application/xhtml+xml' };

describe('the language of a request', () => {
	it('is English by default, and the /ja prefix says Japanese and is remembered', () => {
		expect(decideLanguage(request('/events/x', page))).toEqual({
			kind: 'serve',
			locale: 'en',
			remember: null
		});
		expect(decideLanguage(request('/ja/events/x', page))).toEqual({
			kind: 'serve',
			locale: 'ja',
			remember: 'ja'
		});
		expect(decideLanguage(request('/ja/events/x', page, 'ja'))).toMatchObject({ remember: null });
	});

	it('sends a reader of Japanese from a bare address to the /ja one, by choice or by browser', () => {
		expect(decideLanguage(request('/events/x?y=1', page, 'ja'))).toEqual({
			kind: 'redirect',
			location: '/ja/events/x?y=1',
			remember: null
		});
		const browser = { ...page, 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' };
		expect(decideLanguage(request('/', browser))).toMatchObject({ location: '/ja' });
		// A remembered English wins over the browser's Japanese.
		expect(decideLanguage(request('/', browser, 'en'))).toMatchObject({ locale: 'en' });
		// Not a page visit (a form post, a feed): answered in the language, not redirected.
		expect(decideLanguage(request('/me/data.json', {}, 'ja'))).toMatchObject({
			kind: 'serve',
			locale: 'ja'
		});
	});

	it('takes /en/… as the switch back to English: remembered, then the bare address', () => {
		expect(decideLanguage(request('/en/events/x', page, 'ja'))).toEqual({
			kind: 'redirect',
			location: '/events/x',
			remember: 'en'
		});
	});

	it('reads Accept-Language by its weights and ignores what it does not speak', () => {
		expect(negotiateLocale('fr, ja;q=0.8, en;q=0.5')).toBe('ja');
		expect(negotiateLocale('en-GB, ja;q=0.9')).toBe('en');
		expect(negotiateLocale('ja;q=0, th')).toBeNull();
		expect(negotiateLocale('')).toBeNull();
		expect(negotiateLocale(';;;q=abc,,')).toBeNull();
		expect(toLocale('JA-jp')).toBe('ja');
		expect(toLocale('xx')).toBeNull();
	});

	it('writes addresses with and without the prefix', () => {
		expect(splitLocalePath('/ja')).toEqual({ locale: 'ja', path: '/' });
		expect(splitLocalePath('/ja/me')).toEqual({ locale: 'ja', path: '/me' });
		expect(splitLocalePath('/jazz')).toEqual({ locale: null, path: '/jazz' });
		expect(localizePath('/ja/me', 'en')).toBe('/me');
		expect(localizePath('/', 'ja')).toBe('/ja');
		expect(localizeHref('/signin?next=%2Fme#top', 'ja')).toBe('/ja/signin?next=%2Fme#top');
		expect(localizeHref('https://example.org/x', 'ja')).toBe('https://example.org/x');
		expect(localizeHref('//example.org/x', 'ja')).toBe('//example.org/x');
	});
});

describe('messages', () => {
	it('are complete in Japanese: every English message has a Japanese one', () => {
		const read = (locale: string) =>
			Object.keys(JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'))).filter(
				(k) => !k.startsWith('$')
			);
		const ja = new Set(read('ja'));
		expect(read('en').filter((key) => !ja.has(key))).toEqual([]);
	});

	it('are chosen per call, whatever the request around it', () => {
		expect(m.reg_submit({}, { locale: 'ja' })).toBe('参加登録する');
		expect(m.reg_submit({}, { locale: 'en' })).toBe('Register');
	});

	const work = mkdtempSync(join(tmpdir(), 'kaigi-languages-'));
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('fall back to English in a language that lacks some of them, never showing a key', async () => {
		// A new language as the README describes it: a message file and its tag in the settings.
		const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
		settings.locales = [...settings.locales, 'th'];
		settings.modules = [resolve('node_modules/@inlang/plugin-message-format/dist/index.js')];
		settings['plugin.inlang.messageFormat'].pathPattern = './messages/{locale}.json';
		mkdirSync(join(work, 'project.inlang'), { recursive: true });
		mkdirSync(join(work, 'messages'));
		writeFileSync(join(work, 'project.inlang/settings.json'), JSON.stringify(settings));
		for (const locale of ['en', 'ja']) {
			writeFileSync(join(work, `messages/${locale}.json`), readFileSync(`messages/${locale}.json`));
		}
		writeFileSync(join(work, 'messages/th.json'), JSON.stringify({ reg_submit: 'ลงทะเบียน' }));
		await compile({
			project: join(work, 'project.inlang'),
			outdir: join(work, 'out'),
			emitGitIgnore: false,
			emitPrettierIgnore: false,
			emitReadme: false
		});
		const compiled = await import(pathToFileURL(join(work, 'out/messages.js')).href);
		const th = { locale: 'th' };
		expect(compiled.m.reg_submit({}, th)).toBe('ลงทะเบียน');
		expect(compiled.m.register_heading({}, th)).toBe('Register');
		expect(compiled.m.field_required({ label: 'X' }, th)).toBe('X is required');
		expect(compiled.m.home_heading({}, th)).toBe('Upcoming events');
		// Compiling some three thousand messages of three languages takes a while on a busy machine.
	}, 120_000);
});
