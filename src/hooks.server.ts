import type { Handle, HandleServerError } from '@sveltejs/kit';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session.service';
import { config } from '$lib/server/config';
import { isDatabaseUnavailable } from '$lib/server/db/availability';
import { closeDatabase } from '$lib/server/db/database';
import { describeError } from '$lib/server/log-safe';
import { crossSiteRefusal, nulInAddressRefusal, secureResponse } from '$lib/server/http-security';
import {
	decideLanguage,
	inLocale,
	keepLanguageInRedirect,
	languageCookie
} from '$lib/server/http/language';
import { publicPageKey, servePublicPage } from '$lib/server/http/public-page-cache';
import { unavailablePage } from '$lib/server/unavailable';
import { m } from '$lib/paraglide/messages.js';

// `node build` (adapter-node's own entry) stops when its server has closed and nothing else
// holds the process: the database pool must close too, or SIGTERM waits ~30 s for idle clients.
process.once('sveltekit:shutdown' as 'exit', () => void closeDatabase());

export const handle: Handle = async ({ event, resolve }) => {
	// adapter-node's ORIGIN, and the server's other addresses a zero-configuration start accepts.
	const refusal =
		crossSiteRefusal(event.request, event.url.origin, config().trustedOrigins) ??
		nulInAddressRefusal(event.url);
	if (refusal) return secureResponse(refusal);
	const language = decideLanguage(event);
	const secure = event.url.protocol === 'https:';
	if (language.kind === 'redirect') {
		const response = new Response(null, {
			status: 303,
			headers: { Location: language.location, Vary: 'Cookie, Accept-Language' }
		});
		if (language.remember) {
			response.headers.append('Set-Cookie', languageCookie(language.remember, secure));
		}
		return secureResponse(response);
	}
	const locale = language.locale;
	event.locals.locale = locale;
	// The public event page for visitors who are not signed in: one rendering a second serves all.
	const cacheKey = publicPageKey(event, locale);
	const response = await inLocale(locale, () =>
		cacheKey
			? servePublicPage(cacheKey, () => respond({ event, resolve }))
			: respond({ event, resolve })
	);
	keepLanguageInRedirect(response, locale);
	// Added after the cache, which keeps one rendering for every visitor of that language.
	if (language.remember) {
		try {
			response.headers.append('Set-Cookie', languageCookie(language.remember, secure));
		} catch {
			// A response with immutable headers (a file passed through) need not remember it.
		}
	}
	return secureResponse(response);
};

/** Session → locals, the page, and the calm 503 when the database is away. */
async function respond({ event, resolve }: Parameters<Handle>[0]): Promise<Response> {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.unavailable = false;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		let result;
		try {
			result = await validateSessionToken(token);
		} catch (error) {
			if (isDatabaseUnavailable(error)) return unavailablePage();
			throw error;
		}
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			setSessionCookie(event.cookies, token, result.session.expiresAt);
		} else {
			clearSessionCookie(event.cookies);
		}
	}
	const lang = event.locals.locale ?? 'en';
	let response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
	if (event.locals.unavailable && response.status >= 500) {
		// The error page is already rendered; only the status changes, with a retry hint.
		response = new Response(response.body, { status: 503, headers: response.headers });
		response.headers.set('Retry-After', '30');
	} else if (event.locals.badRequest && response.status >= 500) {
		response = new Response(response.body, { status: 400, headers: response.headers });
	}
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	if (isDatabaseUnavailable(error)) {
		event.locals.unavailable = true;
		return { message: m.error_unavailable_text() };
	}
	// What SvelteKit refuses itself (a POST without a form body: 415; a method a page does not
	// take: 405), and a body that is not the form it claims to be: the request's fault, not a
	// failure of ours — answered calmly, with no error id and nothing logged.
	if (status >= 400 && status < 500) return { message: refusalMessage(status) };
	if (isUnreadableForm(error)) {
		event.locals.badRequest = true;
		return { message: refusalMessage(400) };
	}
	const errorId = crypto.randomUUID().slice(0, 8);
	// The route id, not the URL (it may hold a reference or a token), and never the request body.
	console.error(
		`[${errorId}] ${event.request.method} ${event.route.id ?? '?'}: ${describeError(error)}`
	);
	return { message: m.error_failed_text(), errorId };
};

function refusalMessage(status: number): string {
	if (status === 405) return m.error_refused_method();
	if (status === 413) return m.error_too_large_text();
	return m.error_refused_text();
}

/** The error Request.formData() throws for a body that is not the form its content type says. */
function isUnreadableForm(error: unknown): boolean {
	return error instanceof TypeError && /FormData/i.test(error.message);
}
