import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config.ts';

describe('configuration', () => {
	it('has working defaults', () => {
		const config = parseConfig({});
		expect(config.port).toBe(3000);
		expect(config.dataDir).toBe('.data');
		expect(config.dbPoolMax).toBe(10);
		expect(config.mailWorker).toBe('inline');
		expect(config.origin).toBe('http://localhost:3000');
		expect(config.secureCookies).toBe(false);
	});

	it('names each wrong variable', () => {
		let error: unknown;
		try {
			parseConfig({
				DATABASE_URL: 'mysql://x',
				PORT: 'eighty',
				MAIL_WORKER: 'sometimes',
				ORIGIN: 'example.org'
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const message = (error as ConfigError).message;
		expect(message).toMatch(/DATABASE_URL: must be a URL like postgres:/);
		expect(message).toMatch(/PORT:/);
		expect(message).toMatch(/MAIL_WORKER:/);
		expect(message).toMatch(/ORIGIN:/);
	});

	it('marks cookies Secure when ORIGIN is https', () => {
		expect(parseConfig({ ORIGIN: 'https://kaigi.example.org' }).secureCookies).toBe(true);
	});

	it('refuses a malformed DATABASE_URL', () => {
		expect(() => parseConfig({ DATABASE_URL: 'postgres://' })).toThrow(/DATABASE_URL/);
	});
});
