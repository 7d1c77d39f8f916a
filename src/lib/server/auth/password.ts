import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2), memory 19 MiB, 2 passes, 1 lane: the OWASP minimum for argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// A hash of a random string, verified against when the e-mail is unknown so that the
// response takes as long as for a known account (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** Verifies a password; with no stored hash, spends the same time and returns false. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
	if (!stored) {
		dummyHash ??= hashPassword(crypto.randomUUID());
		await verify(await dummyHash, password).catch(() => false);
		return false;
	}
	return verify(stored, password).catch(() => false);
}

/** Generates a readable random password for new staff accounts (about 100 bits). */
export function generatePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
	return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
