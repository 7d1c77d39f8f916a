import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from '../auth/session.service.ts';

// A micro-cache for the public event page. When an event opens registration, every delegate
// and many colleagues open the same page at once; for visitors who are not signed in it is
// the same page for everyone, so one rendering serves them all for a second (and concurrent
// requests wait for the rendering in progress instead of starting their own). Rendering it
// costs about five times a trivial request (npm run bench). A second of staleness in "open" or
// "full" is harmless: the registration itself is decided under the event's lock.
// The response is replayed whole, headers included: its CSP nonce then repeats for that second,
// which gives nothing away, since it only ever authorises the scripts of this same response.

const TTL_MS = 1_000;
const MAX_ENTRIES = 500;
const ROUTES = new Set(['/events/[slug]']);

type Entry = { until: number; status: number; headers: Array<[string, string]>; body: Uint8Array };

const entries = new Map<string, Entry>();
const rendering = new Map<string, Promise<Entry | null>>();

/** The cache key of a request that may be served from the cache, or null; one per language. */
export function publicPageKey(event: RequestEvent, locale: string): string | null {
	if (event.request.method !== 'GET' || event.isDataRequest) return null;
	if (!event.route.id || !ROUTES.has(event.route.id)) return null;
	// Signed-in people may see more (staff previews); a query string is left alone entirely.
	if (event.cookies.get(SESSION_COOKIE) || event.url.search) return null;
	return `${locale} ${event.url.pathname}`;
}

function replay(entry: Entry): Response {
	return new Response(entry.body.slice(), { status: entry.status, headers: entry.headers });
}

async function remember(key: string, response: Response): Promise<Entry | null> {
	if (response.status !== 200 || response.headers.has('set-cookie')) return null;
	const entry: Entry = {
		until: performance.now() + TTL_MS,
		status: response.status,
		headers: [...response.headers],
		body: new Uint8Array(await response.arrayBuffer())
	};
	if (entries.size >= MAX_ENTRIES) entries.clear();
	entries.set(key, entry);
	return entry;
}

/** Serves `key` from the cache, or renders it once for everyone asking meanwhile. */
export async function servePublicPage(
	key: string,
	render: () => Promise<Response>
): Promise<Response> {
	const fresh = entries.get(key);
	if (fresh && fresh.until > performance.now()) return replay(fresh);
	const pending = rendering.get(key);
	if (pending) {
		const entry = await pending.catch(() => null);
		// The rendering in progress failed or was not cacheable (an error page): render our own.
		return entry ? replay(entry) : render();
	}
	let response!: Response;
	const job = (async () => {
		response = await render();
		return remember(key, response);
	})();
	rendering.set(key, job);
	try {
		const entry = await job;
		return entry ? replay(entry) : response;
	} finally {
		rendering.delete(key);
	}
}
