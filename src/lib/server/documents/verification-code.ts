import { randomInt } from 'node:crypto';

// The short code printed on every document: 12 characters of Crockford's base32 (no I, L, O or
// U, so it reads aloud and types back without confusion), 60 random bits, shown in groups of four.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new random code, stored without separators. */
export function newVerificationCode(): string {
	let code = '';
	for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return code;
}

/** "K7QX-M2PA-9D3E" from the stored form. */
export function formatCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The stored form of a code as typed ("k7qx m2pa-9d3e", O for 0, I or L for 1), or null. */
export function normaliseCode(typed: string): string | null {
	const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code) ? code : null;
}
