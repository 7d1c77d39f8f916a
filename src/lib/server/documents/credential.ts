import {
	createPrivateKey,
	createPublicKey,
	randomBytes,
	sign,
	verify,
	type KeyObject
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../config.ts';

// A document's machine-verifiable twin: a W3C Verifiable Credential (data model 2.0, in the shape
// Open Badges 3.0 uses for achievements) secured as a compact JWS with Ed25519 ("vc+jwt").
// The key is DOCUMENT_SIGNING_KEY (a 32-byte seed in base64), else one generated into
// DATA_DIR/document-signing.key on first use, like PII_KEY. No passport data is ever in it.

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

let cached: { id: string; key: KeyObject; publicKey: KeyObject } | null = null;

function seedFromDataDir(dataDir: string): Buffer {
	const file = path.join(path.resolve(dataDir), 'document-signing.key');
	try {
		return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	mkdirSync(path.dirname(file), { recursive: true });
	try {
		writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

function keys() {
	const { documentSigningKey, dataDir } = config();
	const id = documentSigningKey ? `env:${documentSigningKey}` : `file:${path.resolve(dataDir)}`;
	if (cached?.id !== id) {
		const seed = documentSigningKey
			? Buffer.from(documentSigningKey, 'base64')
			: seedFromDataDir(dataDir);
		if (seed.length !== 32) throw new Error('The document signing key is not a 32-byte seed');
		const key = createPrivateKey({
			key: Buffer.concat([PKCS8_PREFIX, seed]),
			format: 'der',
			type: 'pkcs8'
		});
		cached = { id, key, publicKey: createPublicKey(key) };
	}
	return cached;
}

/** The public key as a JWK, for anyone who checks credentials offline. */
export function publicJwk() {
	return keys().publicKey.export({ format: 'jwk' });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export type CredentialFacts = {
	code: string;
	kind: string;
	kindLabel: string;
	number: string;
	holderName: string;
	eventTitle: string;
	eventDates: string;
	issuerName: string;
	issuedAt: Date;
};

/** The signed credential of a document (compact JWS). */
export function signCredential(facts: CredentialFacts): string {
	const origin = config().origin;
	const vc = {
		'@context': [
			'https://www.w3.org/ns/credentials/v2',
			'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
		],
		id: `${origin}/verify/${facts.code}`,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		issuer: { id: origin, type: ['Profile'], name: facts.issuerName },
		validFrom: facts.issuedAt.toISOString(),
		name: facts.kindLabel,
		credentialSubject: {
			type: ['AchievementSubject'],
			name: facts.holderName,
			achievement: {
				id: `${origin}/verify/${facts.code}#${facts.kind}`,
				type: ['Achievement'],
				name: `${facts.kindLabel}: ${facts.eventTitle}`,
				description: `${facts.kindLabel} ${facts.number}, ${facts.eventTitle}, ${facts.eventDates}`,
				criteria: { narrative: facts.eventTitle }
			}
		}
	};
	const header = b64({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc' });
	const payload = b64(vc);
	const signature = sign(null, Buffer.from(`${header}.${payload}`), keys().key);
	return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** The verification code a credential names when its signature holds, else null. */
export function verifyCredential(jws: string): string | null {
	const parts = jws.trim().split('.');
	if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return null;
	const [header, payload, signature] = parts;
	let ok: boolean;
	try {
		ok = verify(
			null,
			Buffer.from(`${header}.${payload}`),
			keys().publicKey,
			Buffer.from(signature, 'base64url')
		);
	} catch {
		return null;
	}
	if (!ok) return null;
	try {
		const vc = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { id?: unknown };
		const match = typeof vc.id === 'string' ? /\/verify\/([0-9A-Z]{12})$/.exec(vc.id) : null;
		return match ? match[1] : null;
	} catch {
		return null;
	}
}
