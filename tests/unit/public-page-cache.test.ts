import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { publicPageKey, servePublicPage } from '../../src/lib/server/http/public-page-cache.ts';

function visit(path: string, options: { cookie?: string; method?: string; route?: string } = {}) {
	const url = new URL(`http://kaigi.test${path}`);
	return {
		request: new Request(url, { method: options.method ?? 'GET' }),
		url,
		route: { id: options.route ?? '/events/[slug]' },
		isDataRequest: false,
		cookies: { get: (name: string) => (name === 'kaigi_session' ? options.cookie : undefined) }
	} as unknown as RequestEvent;
}

let pages = 0;
function page(status = 200): () => Promise<Response> {
	return async () => {
		pages++;
		await new Promise((resolve) => setTimeout(resolve, 5));
		return new Response(`<h1>page ${pages}</h1>`, {
			status,
			headers: { 'content-type': 'text/html' }
		});
	};
}

describe('public event page cache', () => {
	it('applies only to anonymous GETs of the public event page without a query string', () => {
		expect(publicPageKey(visit('/events/hlom-6'), 'en')).toBe('en /events/hlom-6');
		expect(publicPageKey(visit('/ja/events/hlom-6'), 'ja')).toBe('ja /ja/events/hlom-6');
		expect(publicPageKey(visit('/events/hlom-6', { cookie: 'token' }), 'en')).toBeNull();
		expect(publicPageKey(visit('/events/hlom-6?x=1'), 'en')).toBeNull();
		expect(publicPageKey(visit('/events/hlom-6', { method: 'POST' }), 'en')).toBeNull();
		expect(
			publicPageKey(visit('/events/hlom-6/register', { route: '/events/[slug]/register' }), 'en')
		).toBeNull();
	});

	it('renders once for many visitors at the same moment, and again a second later', async () => {
		pages = 0;
		const bodies = await Promise.all(
			Array.from({ length: 20 }, () => servePublicPage('/events/a', page()).then((r) => r.text()))
		);
		expect(pages).toBe(1);
		expect(new Set(bodies)).toEqual(new Set(['<h1>page 1</h1>']));
		expect(await (await servePublicPage('/events/a', page())).text()).toBe('<h1>page 1</h1>');
		await new Promise((resolve) => setTimeout(resolve, 1_050));
		expect(await (await servePublicPage('/events/a', page())).text()).toBe('<h1>page 2</h1>');
	});

	it('never keeps an error page', async () => {
		pages = 0;
		expect((await servePublicPage('/events/b', page(503))).status).toBe(503);
		expect((await servePublicPage('/events/b', page(200))).status).toBe(200);
		expect(pages).toBe(2);
	});
});
