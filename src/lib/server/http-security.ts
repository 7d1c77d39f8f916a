// HTTP protections applied to every response and request in hooks.server.ts.
import { escapeHtml, standalonePage } from './http/standalone-page.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A 403 for a state-changing request sent from another site, or null to go on. This is Kaigi's
 * only origin check (SvelteKit's own is switched off in svelte.config.js): it covers every
 * method and body type, so a JSON or file endpoint added later is protected as well, and it
 * accepts the server's other addresses (`trusted`: 127.0.0.1 beside localhost, the machine's
 * LAN address for a tablet at the check-in desk) that a zero-configuration start answers on.
 * Browsers send Origin with every cross-origin POST, and Sec-Fetch-Site with every request;
 * a client that sends neither is not a browser, and cannot carry a victim's cookies.
 */
export function crossSiteRefusal(
	request: Request,
	origin: string,
	trusted: readonly string[] = []
): Response | null {
	if (SAFE_METHODS.has(request.method)) return null;
	const from = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	const known = from !== null && (from === origin || trusted.includes(from));
	const foreignOrigin = from !== null && !known;
	const foreignSite = site !== null && site !== 'same-origin' && site !== 'none';
	if (!foreignOrigin && !foreignSite) return null;
	return refusedOriginPage(request, from, origin);
}

/** The refusal in words: where the request came from and which address to open Kaigi at. */
function refusedOriginPage(request: Request, from: string | null, origin: string): Response {
	if ((request.headers.get('accept') ?? '').includes('application/json')) {
		const message = `This was sent from ${from && from !== 'null' ? from : 'another site'}, which is not an address of this Kaigi. Open Kaigi at ${origin} and try again.`;
		return Response.json({ message }, { status: 403 });
	}
	const shownFrom = from && from !== 'null' ? `<code>${escapeHtml(from)}</code>` : 'another site';
	return standalonePage(
		403,
		'Open Kaigi at its own address',
		`<p>Nothing was saved: this form was sent from ${shownFrom}, which is not an address of this Kaigi.</p>` +
			`<p>Open <a href="${escapeHtml(origin)}/">${escapeHtml(origin)}</a> and send it again from there.</p>` +
			`<p class="muted">If this is your own server and you use another address on purpose, start it with ` +
			`<code>ORIGIN</code> set to that address (or add it to <code>TRUSTED_ORIGINS</code>).</p>`
	);
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
