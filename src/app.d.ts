import type { Locale } from '$lib/i18n/locales';
import type { SessionUser, ValidSession } from '$lib/server/auth/session.service';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			/** The language this request is answered in (src/lib/server/http/language.ts); English when unset. */
			locale?: Locale;
			/** Set when a request failed because the database could not be reached (answered with 503). */
			unavailable: boolean;
			/** Set when the request's body could not be read as the form it claimed to be (answered with 400). */
			badRequest?: boolean;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
		interface PageData {
			user?: { displayName: string; email: string; staff: boolean; admin: boolean } | null;
		}
	}
}

export {};
