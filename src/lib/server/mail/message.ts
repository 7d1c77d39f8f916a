import { toLocale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { EmailAttachment } from '../db/schema.ts';
import { escapeHtml, html, trusted, type Html } from './html.ts';

/** What a template function returns: the final subject, plain text and HTML. */
export type RenderedMail = {
	subject: string;
	text: string;
	html: string;
	attachments?: EmailAttachment[];
};

/** Removes CR and LF so that a value can never start a new mail header. */
export function headerSafe(value: string): string {
	return value.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * Wraps a message body in Kaigi's simple, widely supported mail layout. `lang` is the mail's
 * language (BCP 47): the default footer is written in it, never in a request's language.
 */
export function layout(options: {
	title: string;
	body: Html;
	footer?: string;
	lang?: string;
}): string {
	return html`<!doctype html>
		<html lang="${options.lang ?? 'en'}">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width" />
				<title>${options.title}</title>
			</head>
			<body
				style="margin:0;padding:0;background:#f6f7f9;font-family:Arial,Helvetica,sans-serif;color:#1a2433;line-height:1.5"
			>
				<div style="max-width:600px;margin:0 auto;padding:24px 16px">
					<div
						style="background:#1d4e89;color:#fff;padding:12px 20px;border-radius:8px 8px 0 0;font-weight:bold"
					>
						Kaigi
					</div>
					<div
						style="background:#fff;border:1px solid #d5dbe3;border-top:none;border-radius:0 0 8px 8px;padding:20px"
					>
						${options.body}
					</div>
					<p style="color:#4f5b6b;font-size:12px;margin-top:16px">
						${options.footer ?? m.mail_footer({}, { locale: toLocale(options.lang) ?? 'en' })}
					</p>
				</div>
			</body>
		</html>`.value;
}

/** A call-to-action button link for mail HTML. */
export function button(href: string, label: string): Html {
	return html`<p style="margin:24px 0">
		<a
			href="${href}"
			style="background:#1d4e89;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block"
			>${label}</a
		>
	</p>`;
}

/** Plain paragraphs from multi-line user text, escaped; single newlines become line breaks. */
export function paragraphs(text: string): Html {
	const parts = text
		.split(/\n{2,}/)
		.map((p) => p.trim())
		.filter(Boolean);
	return trusted(parts.map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`).join(''));
}
