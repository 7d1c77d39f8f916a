// HTTP protections applied to every response and request in hooks.server.ts (DESIGN §8).

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A 403 for a state-changing request sent from another site, or null to go on. SvelteKit's own
 * check covers form submissions only (urlencoded, multipart, text/plain bodies); this one covers
 * every method and body type, so a JSON or file endpoint added later is protected as well.
 * Browsers send Origin with every cross-origin POST, and Sec-Fetch-Site with every request;
 * a client that sends neither is not a browser, and cannot carry a victim's cookies.
 */
export function crossSiteRefusal(request: Request, origin: string): Response | null {
	if (SAFE_METHODS.has(request.method)) return null;
	const from = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	const foreignOrigin = from !== null && from !== origin;
	const foreignSite = site !== null && site !== 'same-origin' && site !== 'none';
	if (!foreignOrigin && !foreignSite) return null;
	return new Response('Cross-site requests are refused.', {
		status: 403,
		headers: { 'Content-Type': 'text/plain; charset=utf-8' }
	});
}

/**
 * A 400 for an address carrying a NUL character (%00) in its path or query, or null to go on.
 * PostgreSQL cannot store or compare text with a NUL, so such a slug, reference or search
 * would end in a 500 wherever it reaches a query; no real address contains one.
 */
export function nulInAddressRefusal(url: URL): Response | null {
	const inPath = /%00/i.test(url.pathname) || url.pathname.includes('\u0000');
	const inQuery = [...url.searchParams].some(([k, v]) => `${k}${v}`.includes('\u0000'));
	if (!inPath && !inQuery) return null;
	return new Response('This address contains characters that cannot be used.', {
		status: 400,
		headers: { 'Content-Type': 'text/plain; charset=utf-8' }
	});
}

/**
 * Headers every response gets. Pages carry SvelteKit's Content-Security-Policy (svelte.config.js);
 * files (CSV, XLSX, PDF, .ics, JSON) and self-made pages get a strict one here, so that a file
 * opened in the browser can run nothing and cannot be framed.
 */
export function secureResponse(response: Response): Response {
	let result = response;
	try {
		result.headers.set('X-Content-Type-Options', 'nosniff');
	} catch {
		// Immutable headers (a fetched response passed through): copy it.
		result = new Response(response.body, response);
		result.headers.set('X-Content-Type-Options', 'nosniff');
	}
	result.headers.set('Referrer-Policy', result.headers.get('Referrer-Policy') ?? 'same-origin');
	result.headers.set('X-Frame-Options', 'DENY');
	if (!result.headers.has('Content-Security-Policy')) {
		const type = result.headers.get('Content-Type') ?? '';
		// Chromium's PDF viewer does not render a document under `sandbox` or `default-src 'none'`.
		result.headers.set(
			'Content-Security-Policy',
			type.startsWith('application/pdf')
				? "frame-ancestors 'none'"
				: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
		);
	}
	return result;
}
