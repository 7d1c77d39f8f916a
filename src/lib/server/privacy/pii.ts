import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
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
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(), iv);
	const plain = JSON.stringify({
		passportNumber: data.passportNumber,
		passportExpiry: data.passportExpiry,
		dateOfBirth: data.dateOfBirth
	});
	const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return [VERSION, iv, cipher.getAuthTag(), ciphertext]
		.map((part) => (typeof part === 'string' ? part : part.toString('base64')))
		.join(':');
}

/** Decrypts what encryptVisaData wrote; throws when the value was tampered with or the key differs. */
export function decryptVisaData(encrypted: string): VisaData {
	const [version, iv, tag, ciphertext] = encrypted.split(':');
	if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
		throw new Error('Unknown visa data format');
	}
	const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'));
	decipher.setAuthTag(Buffer.from(tag, 'base64'));
	const plain = Buffer.concat([
		decipher.update(Buffer.from(ciphertext, 'base64')),
		decipher.final()
	]).toString('utf8');
	const data = JSON.parse(plain) as VisaData;
	return {
		passportNumber: String(data.passportNumber ?? ''),
		passportExpiry: String(data.passportExpiry ?? ''),
		dateOfBirth: String(data.dateOfBirth ?? '')
	};
}
