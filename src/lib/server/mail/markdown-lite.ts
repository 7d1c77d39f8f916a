import { escapeHtml, trusted, type Html } from './html.ts';

// A small, safe subset of Markdown for messages organizers type: paragraphs, line breaks,
// "- " lists, "## " headings, **bold** and bare http(s) links. Text is escaped first, so no
// markup a user types ever reaches the HTML.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

function emphasis(text: string): string {
	return escapeHtml(text).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

function inline(line: string): string {
	let out = '';
	let last = 0;
	for (const match of line.matchAll(URL_PATTERN)) {
		const url = escapeHtml(match[0]);
		out += emphasis(line.slice(last, match.index)) + `<a href="${url}">${url}</a>`;
		last = match.index + match[0].length;
	}
	return out + emphasis(line.slice(last));
}

/** Renders Markdown-lite text as HTML (every character of the input escaped). */
export function markdownLite(source: string): Html {
	const blocks = source
		.replace(/\r\n?/g, '\n')
		.split(/\n{2,}/)
		.map((block) => block.trim())
		.filter(Boolean);
	const out = blocks.map((block) => {
		const lines = block.split('\n');
		if (lines.every((line) => /^[-*]\s+/.test(line))) {
			return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^[-*]\s+/, ''))}</li>`).join('')}</ul>`;
		}
		const heading = /^#{1,3}\s+(.*)$/.exec(block);
		if (heading && lines.length === 1)
			return `<h3 style="font-size:16px">${inline(heading[1])}</h3>`;
		return `<p>${lines.map(inline).join('<br>')}</p>`;
	});
	return trusted(out.join(''));
}
