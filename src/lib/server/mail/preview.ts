import type { EmailAttachment } from '../db/schema.ts';

/**
 * The HTML of a message for the mail log's preview: inline images referenced as `cid:` (the QR
 * code) become data: URLs, which the page's Content-Security-Policy allows, so the preview
 * looks like the message in a mail client.
 */
export function previewHtml(html: string, attachments: EmailAttachment[]): string {
	let out = html;
	for (const a of attachments) {
		if (!a.cid || !/^image\/(png|gif|jpeg|webp)$/.test(a.contentType)) continue;
		out = out.replaceAll(`cid:${a.cid}`, `data:${a.contentType};base64,${a.contentBase64}`);
	}
	return out;
}
