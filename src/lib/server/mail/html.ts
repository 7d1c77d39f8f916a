// An `html` tagged template: every interpolated value is escaped unless it is itself Html
// built by this tag, so user text never reaches the markup raw.

export class Html {
	readonly value: string;
	constructor(value: string) {
		this.value = value;
	}
	toString(): string {
		return this.value;
	}
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

function render(value: unknown): string {
	if (value instanceof Html) return value.value;
	if (Array.isArray(value)) return value.map(render).join('');
	if (value === null || value === undefined || value === false) return '';
	return escapeHtml(String(value));
}

/** Builds escaped HTML. Arrays are joined; null, undefined and false render as nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
	let out = strings[0];
	for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
	return new Html(out);
}

/** Marks a string produced by trusted code (never user text) as HTML. */
export function trusted(markup: string): Html {
	return new Html(markup);
}
