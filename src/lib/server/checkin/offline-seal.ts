import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../privacy/pii.ts';

// The offline list leaves the server sealed (AES-256-GCM, as WebCrypto reads it: ciphertext then
// tag) under a key that belongs to one staff session and one event: the device keeps the sealed
// list in IndexedDB and the key only for the open tab, so a lost tablet holds nothing readable.
// Download links are signed for one session and expire after a few minutes.

/** How long a signed download link works. */
export const LINK_TTL_MS = 10 * 60 * 1000;
/** How long a downloaded list may be used before the desk must fetch a fresh one. */
export const LIST_TTL_MS = 36 * 60 * 60 * 1000;

export type Sealed = { iv: string; data: string };

/** The session's key for one event's offline data (32 bytes). */
export function sessionListKey(sessionId: string, scope: string): Buffer {
	return derivedKey(`offline-list-key:${sessionId}:${scope}`);
}

/** Seals JSON under the key, as WebCrypto's AES-GCM decrypt takes it. */
export function seal(value: unknown, key: Buffer): Sealed {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const data = Buffer.concat([
		cipher.update(JSON.stringify(value), 'utf8'),
		cipher.final(),
		cipher.getAuthTag()
	]);
	return { iv: iv.toString('base64'), data: data.toString('base64') };
}

function signature(sessionId: string, scope: string, expires: number): string {
	return createHmac('sha256', derivedKey('offline-list-link'))
		.update(`${sessionId}:${scope}:${expires}`)
		.digest('base64url');
}

/** The query of a download link for this session and scope, valid for LINK_TTL_MS. */
export function signLink(sessionId: string, scope: string, nowMs: number): string {
	const expires = nowMs + LINK_TTL_MS;
	return new URLSearchParams({
		expires: String(expires),
		sig: signature(sessionId, scope, expires)
	}).toString();
}

/** True when the link was signed for this session and scope and has not expired. */
export function linkValid(
	sessionId: string,
	scope: string,
	params: URLSearchParams,
	nowMs: number
): boolean {
	const expires = Number(params.get('expires'));
	const sig = params.get('sig') ?? '';
	if (!Number.isSafeInteger(expires) || expires < nowMs || expires > nowMs + LINK_TTL_MS) {
		return false;
	}
	const want = Buffer.from(signature(sessionId, scope, expires));
	const got = Buffer.from(sig);
	return want.length === got.length && timingSafeEqual(want, got);
}
