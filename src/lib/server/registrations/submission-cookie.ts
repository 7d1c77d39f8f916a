import type { Cookies } from '@sveltejs/kit';
import { config } from '../config.ts';

// After a registration the browser keeps the form's random submission key for a day, so the
// "done" page can show that registration's outcome to the person who sent it (and no one else:
// a reference is a label, never a credential).

const COOKIE = 'kaigi_registered';

/**
 * Remembers the submission key of the form just sent, for the event's register pages at the
 * address prefix of the page's language (`/ja`, or none for English).
 */
export function rememberSubmission(
	cookies: Cookies,
	slug: string,
	submissionKey: string,
	languagePrefix = ''
): void {
	cookies.set(COOKIE, submissionKey, {
		path: `${languagePrefix}/events/${slug}/register`,
		httpOnly: true,
		sameSite: 'lax',
		secure: config().secureCookies,
		maxAge: 86_400
	});
}

/** The submission key remembered for this browser, if any. */
export function rememberedSubmission(cookies: Cookies): string | null {
	return cookies.get(COOKIE) ?? null;
}
