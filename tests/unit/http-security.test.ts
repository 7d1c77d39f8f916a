import { afterEach, describe, expect, it } from 'vitest';
import { clearSessionCookie, setSessionCookie } from '../../src/lib/server/auth/cookies.ts';
import { parseConfig, reloadConfig } from '../../src/lib/server/config.ts';
import { crossSiteRefusal, secureResponse } from '../../src/lib/server/http-security.ts';
import { ownOrigins } from '../../src/lib/server/http/own-origins.ts';

// The request and response protections of hooks.server.ts, and the session cookie's attributes
// (the e2e test tests/e2e/security.test.ts checks them over HTTP on the built app).

const ORIGIN = 'https://kaigi.example.org';

function request(method: string, headers: Record<string, string> = {}) {
	return new Request(`${ORIGIN}/admin/events/x/invitations/import`, {
		method,
		headers,
		body: method === 'GET' || method === 'HEAD' ? undefined : '{}'
	});
}

describe('cross-site requests', () => {
	it('are refused for every state-changing method, whatever the body', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			expect(
				crossSiteRefusal(request(method, { origin: 'https://evil.example' }), ORIGIN)?.status
			).toBe(403);
			expect(
				crossSiteRefusal(request(method, { 'sec-fetch-site': 'cross-site' }), ORIGIN)?.status
			).toBe(403);
			// A sibling subdomain is another site's page too.
			expect(
				crossSiteRefusal(request(method, { 'sec-fetch-site': 'same-site' }), ORIGIN)?.status
			).toBe(403);
		}
	});

	it('let same-origin requests, reads and non-browser clients through', () => {
		expect(
			crossSiteRefusal(request('POST', { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }), ORIGIN)
		).toBeNull();
		expect(crossSiteRefusal(request('GET', { origin: 'https://evil.example' }), ORIGIN)).toBeNull();
		expect(crossSiteRefusal(request('POST'), ORIGIN)).toBeNull();
	});
});

describe("the server's other addresses", () => {
	const LOCAL = 'http://localhost:3000';
	const OTHERS = ['http://127.0.0.1:3000', 'http://192.168.1.20:3000'];

	it('are accepted when trusted, and only then', () => {
		for (const from of OTHERS) {
			const post = request('POST', { origin: from, 'sec-fetch-site': 'same-origin' });
			expect(crossSiteRefusal(post, LOCAL, OTHERS)).toBeNull();
			expect(crossSiteRefusal(post, LOCAL)?.status).toBe(403);
		}
		// A trusted list does not open the door to other sites, nor to another port of the same host.
		for (const from of ['https://evil.example', 'http://192.168.1.20:8080']) {
			expect(crossSiteRefusal(request('POST', { origin: from }), LOCAL, OTHERS)?.status).toBe(403);
		}
		expect(
			crossSiteRefusal(request('POST', { 'sec-fetch-site': 'cross-site' }), LOCAL, OTHERS)?.status
		).toBe(403);
	});

	it('are refused with a page that says which address to use', async () => {
		const refused = crossSiteRefusal(
			request('POST', { origin: 'http://10.0.0.5:3000', accept: 'text/html' }),
			LOCAL
		);
		expect(refused?.headers.get('content-type')).toMatch(/^text\/html/);
		const page = await refused!.text();
		expect(page).toContain('Open Kaigi at its own address');
		expect(page).toContain('http://10.0.0.5:3000');
		expect(page).toContain(`<a href="${LOCAL}/">${LOCAL}</a>`);
		expect(page).not.toContain('Cross-site POST form submissions are forbidden');
		// The Origin header is the sender's text: it reaches the page escaped.
		const hostile = crossSiteRefusal(request('POST', { origin: 'https://<b>x' }), LOCAL);
		expect(await hostile!.text()).not.toContain('<b>x');
		const json = crossSiteRefusal(
			request('POST', { origin: 'http://10.0.0.5:3000', accept: 'application/json' }),
			LOCAL
		);
		expect(((await json!.json()) as { message: string }).message).toContain(
			`Open Kaigi at ${LOCAL}`
		);
	});

	it('are the loopback and interface addresses on the port', () => {
		const origins = ownOrigins(3000, {
			lo: [
				{ address: '127.0.0.1', family: 'IPv4' },
				{ address: '::1', family: 'IPv6' }
			],
			eth0: [
				{ address: '192.168.1.20', family: 'IPv4' },
				{ address: 'fe80::1', family: 'IPv6' },
				{ address: '2001:db8::5', family: 'IPv6' }
			]
		} as never);
		expect(origins).toEqual([
			'http://localhost:3000',
			'http://127.0.0.1:3000',
			'http://[::1]:3000',
			'http://192.168.1.20:3000',
			'http://[2001:db8::5]:3000'
		]);
	});

	it('are read from TRUSTED_ORIGINS, each checked', () => {
		expect(
			parseConfig({ TRUSTED_ORIGINS: 'http://127.0.0.1:3000, http://192.168.1.20:3000/' })
				.trustedOrigins
		).toEqual(['http://127.0.0.1:3000', 'http://192.168.1.20:3000']);
		expect(parseConfig({}).trustedOrigins).toEqual([]);
		expect(() => parseConfig({ TRUSTED_ORIGINS: 'http://a.example/x' })).toThrow(/TRUSTED_ORIGINS/);
	});
});

describe('response headers', () => {
	it('give files a strict policy and leave a page’s own policy alone', () => {
		const csv = secureResponse(new Response('a,b', { headers: { 'Content-Type': 'text/csv' } }));
		expect(csv.headers.get('content-security-policy')).toMatch(
			/default-src 'none'.*frame-ancestors 'none'.*sandbox/
		);
		expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
		expect(csv.headers.get('referrer-policy')).toBe('same-origin');
		const pdf = secureResponse(
			new Response('%PDF', { headers: { 'Content-Type': 'application/pdf' } })
		);
		expect(pdf.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		const page = secureResponse(
			new Response('<p>', { headers: { 'Content-Security-Policy': "script-src 'self'" } })
		);
		expect(page.headers.get('content-security-policy')).toBe("script-src 'self'");
		const feed = secureResponse(
			new Response('', { headers: { 'Referrer-Policy': 'no-referrer' } })
		);
		expect(feed.headers.get('referrer-policy')).toBe('no-referrer');
	});
});

describe('the session cookie', () => {
	const saved = process.env.ORIGIN;
	afterEach(() => {
		if (saved === undefined) delete process.env.ORIGIN;
		else process.env.ORIGIN = saved;
		reloadConfig();
	});

	function written(origin: string) {
		process.env.ORIGIN = origin;
		reloadConfig();
		const calls: Array<{ name: string; options: Record<string, unknown> }> = [];
		const cookies = {
			set: (name: string, _value: string, options: Record<string, unknown>) =>
				calls.push({ name, options }),
			delete: (name: string, options: Record<string, unknown>) => calls.push({ name, options })
		};
		setSessionCookie(cookies as never, 'token', new Date(Date.now() + 60_000));
		clearSessionCookie(cookies as never);
		return calls;
	}

	it('is HttpOnly and SameSite=Lax, and Secure when ORIGIN is https', () => {
		for (const { options } of written('https://kaigi.example.org')) {
			expect(options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
		}
		for (const { options } of written('http://127.0.0.1:4173')) {
			expect(options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
		}
	});
});
