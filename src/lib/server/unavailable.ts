/** A calm, self-contained 503 page for when the database cannot be reached. */
export function unavailablePage(): Response {
	const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Briefly unavailable · Kaigi</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a2433"><main><h1>Briefly unavailable</h1><p>Kaigi cannot reach its database just now. Nothing you sent has been lost; please try again in a minute.</p></main></body></html>`;
	return new Response(body, {
		status: 503,
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30' }
	});
}
