import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VisaData } from '../../schemas/registration.ts';
import { config } from '../config.ts';

// Passport data is encrypted at rest (DESIGN §8) with AES-256-GCM. The key comes from PII_KEY;
// without it (embedded, zero-setup mode) one is generated into DATA_DIR/pii.key on first use.
// Losing that file makes stored passport data unreadable: back it up with the database.

export type { VisaData };

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

function loadKeyFile(file: string): Buffer {
	const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
	return key;
}

function keyFromDataDir(dataDir: string): Buffer {
	const file = path.join(path.resolve(dataDir), 'pii.key');
	try {
		return loadKeyFile(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	mkdirSync(path.dirname(file), { recursive: true });
	try {
		// 'wx': if another process created it meanwhile, use theirs.
		writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return loadKeyFile(file);
}

function key(): Buffer {
	const { piiKey, dataDir } = config();
	const id = piiKey ? `env:${piiKey}` : `file:${path.resolve(dataDir)}`;
	let found = keys.get(id);
	if (!found) {
		found = piiKey ? Buffer.from(piiKey, 'base64') : keyFromDataDir(dataDir);
		keys.set(id, found);
	}
	return found;
}

/** Encrypts visa data into `v1:<iv>:<tag>:<ciphertext>` (base64 parts) for registrations.visa_data_enc. */
export function encryptVisaData(data: VisaData): string {
	return encryptText(
		JSON.stringify({
			passportNumber: data.passportNumber,
			passportExpiry: data.passportExpiry,
			dateOfBirth: data.dateOfBirth
		})
	);
}

/** Encrypts any text with the PII key, in the format of encryptVisaData (e.g. the links of queued mail). */
export function encryptText(plain: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(), iv);
	const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return [VERSION, iv, cipher.getAuthTag(), ciphertext]
		.map((part) => (typeof part === 'string' ? part : part.toString('base64')))
		.join(':');
}

type Sealed = { iv: Buffer; tag: Buffer; ciphertext: Buffer };

function unseal(encrypted: string): Sealed {
	const [version, iv, tag, ciphertext] = encrypted.split(':');
	if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
		throw new Error('Unknown visa data format');
	}
	return {
		iv: Buffer.from(iv, 'base64'),
		tag: Buffer.from(tag, 'base64'),
		ciphertext: Buffer.from(ciphertext, 'base64')
	};
}

/** The plain text under `withKey`, or null when that key did not encrypt it (GCM refuses). */
function decryptWith(sealed: Sealed, withKey: Buffer): string | null {
	try {
		const decipher = createDecipheriv('aes-256-gcm', withKey, sealed.iv);
		decipher.setAuthTag(sealed.tag);
		return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
	} catch {
		return null;
	}
}

function oldKey(): Buffer | null {
	const old = config().piiKeyOld;
	return old ? Buffer.from(old, 'base64') : null;
}

function parse(plain: string): VisaData {
	const data = JSON.parse(plain) as VisaData;
	return {
		passportNumber: String(data.passportNumber ?? ''),
		passportExpiry: String(data.passportExpiry ?? ''),
		dateOfBirth: String(data.dateOfBirth ?? '')
	};
}

/**
 * Decrypts what encryptVisaData wrote; throws when the value was tampered with or no key fits.
 * While a key rotation is under way (PII_KEY_OLD set), values still under the old key are read too.
 */
export function decryptVisaData(encrypted: string): VisaData {
	return parse(decryptText(encrypted, 'Visa data'));
}

/** Decrypts what encryptText wrote (under PII_KEY, or PII_KEY_OLD during a rotation); throws otherwise. */
export function decryptText(encrypted: string, what = 'The value'): string {
	const sealed = unseal(encrypted);
	const previous = oldKey();
	const plain = decryptWith(sealed, key()) ?? (previous ? decryptWith(sealed, previous) : null);
	if (plain === null) throw new Error(`${what} cannot be decrypted with the configured key`);
	return plain;
}

export type Reencrypted =
	{ kind: 'current' } | { kind: 'rotated'; value: string } | { kind: 'unreadable' };

/** Re-encrypts a value written under PII_KEY_OLD with the current key (key rotation). */
export function reencryptVisaData(encrypted: string): Reencrypted {
	return reencrypt(encrypted, (plain) => encryptVisaData(parse(plain)));
}

/** Re-encrypts text (encryptText) written under PII_KEY_OLD with the current key. */
export function reencryptText(encrypted: string): Reencrypted {
	return reencrypt(encrypted, encryptText);
}

function reencrypt(encrypted: string, write: (plain: string) => string): Reencrypted {
	let sealed: Sealed;
	try {
		sealed = unseal(encrypted);
	} catch {
		return { kind: 'unreadable' };
	}
	if (decryptWith(sealed, key()) !== null) return { kind: 'current' };
	const previous = oldKey();
	const plain = previous ? decryptWith(sealed, previous) : null;
	if (plain === null) return { kind: 'unreadable' };
	return { kind: 'rotated', value: write(plain) };
}

/** Whether a previous key is configured and differs from the current one. */
export function rotationConfigured(): boolean {
	const previous = oldKey();
	return previous !== null && !previous.equals(key());
}

/** A 32-byte key for one purpose, derived from the PII key (e.g. a session's offline list key). */
export function derivedKey(purpose: string): Buffer {
	return createHmac('sha256', key()).update(purpose).digest();
}
