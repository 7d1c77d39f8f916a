import { m } from '../../paraglide/messages.js';
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
		error(403, m.err_staff_sign_in());
	}
	if (locals.session.awaiting && locals.session.authMethod === 'password') {
		// Signed in with a password but not yet with the second factor (or not yet enrolled).
		if (method === 'GET' && url) {
			redirect(303, afterPassword(locals.session.awaiting, url.pathname + url.search));
		}
		error(403, m.login_srv_finish_first());
	}
	if (!locals.session.staff) {
		error(403, m.err_password_staff_only());
	}
	return actorOf(locals)!;
}

/** The signed-in administrator, or 403. */
export function requireAdmin(locals: Locals, url?: Url, method = 'GET'): Actor {
	const actor = requireStaff(locals, url, method);
	if (!actor.admin) error(403, m.err_admin_only_action());
	return actor;
}

/** The signed-in person (any session kind), or a redirect to the delegate sign-in page. */
export function requireSignedIn(locals: Locals, url: Url, method = 'GET') {
	if (!locals.user || !locals.session) {
		if (method === 'GET')
			redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
		error(403, m.err_sign_in_first());
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

/** The signed-in staff member who may create events, or 403. */
export function requireEventCreator(locals: Locals, url?: Url, method = 'GET'): Actor {
	const actor = requireStaff(locals, url, method);
	if (!actor.admin && !actor.createsEvents) {
		error(403, m.err_cannot_create_events());
	}
	return actor;
}

/** Where a password sign-in goes next: the second-factor step, its enrolment, or `next`. */
export function afterPassword(
	awaiting: 'second_factor' | 'enrolment' | null,
	next: string
): string {
	if (!awaiting) return next;
	const step = awaiting === 'enrolment' ? 'setup' : 'verify';
	return `/login/two-factor/${step}?next=${encodeURIComponent(next)}`;
}

/**
 * A staff account's password session, finished or still at its second step (the two-factor
 * pages), or a redirect to /login (403 for a POST).
 */
export function requirePasswordSession(locals: Locals, url: Url, method = 'GET') {
	const session = locals.session;
	if (!locals.user || !session || session.authMethod !== 'password' || !locals.user.isStaff) {
		if (method === 'GET') {
			redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
		}
		error(403, m.err_staff_sign_in());
	}
	return { user: locals.user, session };
}
