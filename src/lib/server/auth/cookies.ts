import type { Cookies } from '@sveltejs/kit';
import { config } from '../config.ts';
import { SESSION_COOKIE } from './session.service.ts';

/** Writes the session cookie: HttpOnly, SameSite=Lax, Secure whenever ORIGIN is https. */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config().secureCookies,
		expires: expiresAt
	});
}

/** Removes the session cookie. */
export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config().secureCookies
	});
}
