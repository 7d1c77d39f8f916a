import { error, redirect } from '@sveltejs/kit';
import { actorOf, type Actor } from './actor.ts';

type Locals = App.Locals;
type Url = { pathname: string; search: string };

/**
 * The signed-in staff member, from a password session only. Anonymous visitors are sent to
 * /login on GET; a POST without the right gets 403 (forms must not silently redirect).
 */
export function requireStaff(locals: Locals, url?: Url, method = 'GET'): Actor {
	if (!locals.user || !locals.session) {
		if (method === 'GET' && url) {
			redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
		}
		error(403, 'Sign in as staff to do this.');
	}
	if (!locals.session.staff) {
		error(403, 'This page is for event staff signed in with a password.');
	}
	return actorOf(locals)!;
}

/** The signed-in administrator, or 403. */
export function requireAdmin(locals: Locals, url?: Url, method = 'GET'): Actor {
	const actor = requireStaff(locals, url, method);
	if (!actor.admin) error(403, 'Only an administrator can do this.');
	return actor;
}

/** The signed-in person (any session kind), or a redirect to the delegate sign-in page. */
export function requireSignedIn(locals: Locals, url: Url, method = 'GET') {
	if (!locals.user || !locals.session) {
		if (method === 'GET')
			redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
		error(403, 'Sign in to do this.');
	}
	return locals.user;
}

// A Location header takes printable ASCII only (paths the app builds are percent-encoded): with a
// CR/LF or a non-Latin character SvelteKit throws, and the person would get a 500 after signing in.
const UNSAFE_IN_LOCATION = /[^\u0021-\u007e]/;

/** A safe local redirect target from a ?next= parameter. */
export function safeNext(value: string | null, fallback: string): string {
	if (
		!value ||
		!value.startsWith('/') ||
		value.startsWith('//') ||
		value.includes('\\') ||
		UNSAFE_IN_LOCATION.test(value)
	) {
		return fallback;
	}
	return value;
}
