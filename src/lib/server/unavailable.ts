import { standalonePage } from './http/standalone-page.ts';

/** A calm, self-contained 503 page for when the database cannot be reached. */
export function unavailablePage(): Response {
	return standalonePage(
		503,
		'Briefly unavailable',
		'<p>Kaigi cannot reach its database just now. Nothing you sent has been lost; please try again in a minute.</p>',
		{ 'Retry-After': '30' }
	);
}
