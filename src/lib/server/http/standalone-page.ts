// Pages the server answers before SvelteKit renders anything (a refused origin, the database
// away). They carry Kaigi's look in an inline style sheet: the strict policy secureResponse()
// gives self-made pages allows inline styles and nothing else.

const STYLE = `:root{--ink:#1a2433;--muted:#4f5b6b;--line:#d5dbe3;--bg:#f6f7f9;--brand:#1d4e89}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
header{background:var(--brand);color:#fff;padding:.75rem 1rem;font-weight:700;font-size:1.15rem}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.25rem 1.5rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .6em}
a{color:var(--brand)}
code{font-size:1rem;overflow-wrap:anywhere}
.muted{color:var(--muted)}`;

/** Escapes text for an HTML body or a double-quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);
}

/** A self-contained page in Kaigi's look; `bodyHtml` must already be escaped. */
export function standalonePage(
	status: number,
	title: string,
	bodyHtml: string,
	headers: Record<string, string> = {},
	lang = 'en'
): Response {
	const page = `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Kaigi</title><style>${STYLE}</style></head><body><header>Kaigi</header><main><div class="card"><h1>${escapeHtml(title)}</h1>${bodyHtml}</div></main></body></html>`;
	return new Response(page, {
		status,
		headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }
	});
}
