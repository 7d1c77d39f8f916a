import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Event descriptions are Markdown typed by organizers. They are rendered to HTML and then
// sanitised: no script, style, iframe, image or event handler reaches a page, whatever is typed.

const ALLOWED: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'br',
		'h3',
		'h4',
		'h5',
		'strong',
		'em',
		'del',
		'code',
		'pre',
		'blockquote',
		'ul',
		'ol',
		'li',
		'a',
		'hr',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'], ol: ['start'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	// The page's own headings are h1 (title) and h2 (sections); description headings sit below.
	transformTags: {
		h1: 'h3',
		h2: 'h3',
		h3: 'h4',
		h4: 'h5',
		h5: 'h5',
		h6: 'h5',
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' })
	}
};

// marked + sanitize-html take about 0.3 ms for an event description, on every view of the
// public event page; the same text always gives the same HTML, so it is remembered (bounded).
const rendered = new Map<string, string>();
const RENDERED_SIZE = 500;

/** Markdown → sanitised HTML, safe to render with {@html}. */
export function renderMarkdown(markdown: string): string {
	if (!markdown.trim()) return '';
	const known = rendered.get(markdown);
	if (known !== undefined) return known;
	const html = sanitizeHtml(
		marked.parse(markdown, { async: false, gfm: true, breaks: false }),
		ALLOWED
	);
	if (rendered.size >= RENDERED_SIZE) rendered.clear();
	rendered.set(markdown, html);
	return html;
}
