import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Random strings for session ids/secrets and one-time links. 20 random bytes = 160 bits.

/** A random token of at least 128 bits, URL-safe. */
export function randomToken(bytes = 20): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

/** SHA-256 of a token: only this is stored, so a database leak does not leak working links. */
export function hashToken(token: string): Uint8Array {
	return sha256(new TextEncoder().encode(token));
}

/** Constant-time comparison of two hashes. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
	return constantTimeEqual(a, b);
}
