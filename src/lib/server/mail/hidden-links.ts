import { decryptText, encryptText } from '../privacy/pii.ts';

// Links that carry a one-time token (invitations, sign-in, e-mail change, calendar feeds, and any
// mail added later) must not sit in the outbox in clear text: whoever reads the database, a
// backup or the mail log would hold working links. The outbox stores each message with such
// links replaced by numbered markers and keeps the real links only encrypted with the PII key;
// the worker puts them back while sending and then wipes them.
//
// A link is recognised by the shape of what randomToken() makes (lower-case base32, at least
// 24 characters, i.e. 15 bytes or more) as a path segment or a query value, so a new mail
// template is covered without being listed anywhere. A link mistaken for one (a long slug of
// letters only) is still sent intact; only its stored copy is hidden.

const URL_IN_BODY = /https?:\/\/[^\s"'<>]+/g;
const TOKEN_IN_URL = /[/=][a-z2-7]{24,}(?![A-Za-z0-9_-])/;
const MARKER = /\[link hidden: (\d+)\]/g;

/** What the mail log and every stored copy show in place of a link that carries a token. */
export const LINK_HIDDEN = '[link hidden]';

/** True when a URL carries a token (see above). */
export function carriesToken(url: string): boolean {
	return TOKEN_IN_URL.test(url.replace(/^https?:\/\/[^/?#]*/, ''));
}

/**
 * Replaces every token-bearing link of the bodies by a marker; returns the bodies and the
 * links in marker order (a link that appears twice has one marker).
 */
export function hideLinks(bodies: string[]): { bodies: string[]; links: string[] } {
	const links: string[] = [];
	const hidden = bodies.map((body) =>
		body.replace(URL_IN_BODY, (url) => {
			if (!carriesToken(url)) return url;
			let index = links.indexOf(url);
			if (index < 0) index = links.push(url) - 1;
			return `[link hidden: ${index + 1}]`;
		})
	);
	return { bodies: hidden, links };
}

/** Puts the links back where hideLinks left markers (a marker with no link stays as it is). */
export function revealLinks(body: string, links: string[]): string {
	return body.replace(MARKER, (marker, n: string) => links[Number(n) - 1] ?? marker);
}

/** The markers as people read them: "[link hidden]". */
export function shownWithoutLinks(body: string): string {
	return body.replace(MARKER, LINK_HIDDEN);
}

/** The links, encrypted for emails.links_enc; null when there are none. */
export function sealLinks(links: string[]): string | null {
	return links.length === 0 ? null : encryptText(JSON.stringify(links));
}

/** The links sealLinks encrypted. Throws when no configured key opens them. */
export function openLinks(sealed: string): string[] {
	const links = JSON.parse(decryptText(sealed, 'The links of a queued message')) as unknown;
	if (!Array.isArray(links) || !links.every((l) => typeof l === 'string')) {
		throw new Error('The links of a queued message are not a list of links');
	}
	return links;
}

/** The state emails.links_enc is left in once the links were sent: wiped, but known to have been. */
export const LINKS_WIPED = '';
