import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { escapeHtml, standalonePage } from './http/standalone-page.ts';

/** A calm, self-contained 503 page for when the database cannot be reached, in the page's language. */
export function unavailablePage(): Response {
	return standalonePage(
		503,
		m.unavail_title(),
		`<p>${escapeHtml(m.unavail_body())}</p>`,
		{ 'Retry-After': '30' },
		getLocale()
	);
}
