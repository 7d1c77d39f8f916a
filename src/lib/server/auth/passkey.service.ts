import { m } from '../../paraglide/messages.js';
import { sha256 } from '@oslojs/crypto/sha2';
import {
	decodePKIXECDSASignature,
	decodeSEC1PublicKey,
	ECDSAPublicKey,
	p256,
	verifyECDSASignature
} from '@oslojs/crypto/ecdsa';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import {
	ClientDataType,
	coseAlgorithmES256,
	coseEllipticCurveP256,
	COSEKeyType,
	createAssertionSignatureMessage,
	parseAttestationObject,
	parseAuthenticatorData,
	parseClientDataJSON
} from '@oslojs/webauthn';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { changeStaffAccount } from '../users/staff-account-change.ts';
import type { Actor } from './actor.ts';
import {
	advancePasskey,
	deletePasskey,
	findPasskey,
	insertChallenge,
	insertPasskey,
	listPasskeys,
	takeChallenge
} from './passkey.repository.ts';
import { beginSecondStep } from './second-step.ts';

// Passkeys (WebAuthn) as a second factor, following the W3C checks: the challenge is ours, used
// once and bound to the session; the origin is Kaigi's own; the relying-party id hash is ours; the
// user was present; the signature verifies with the stored key (ES256); the signature counter
// moves forward (a counter that does not suggests a cloned authenticator).

const CHALLENGE_MS = 5 * 60 * 1000;
/** The one refusal of a passkey that did not pass, whatever the reason (nothing to probe). */
const refused = (): string => m.err_passkey_refused();

/** Kaigi's own origins: ORIGIN and the server's other trusted addresses (TRUSTED_ORIGINS). */
function ownOrigins(): string[] {
	return [config().origin, ...config().trustedOrigins];
}

/**
 * The relying-party id (a host name) for a request that reached the server as `host`: the host
 * of the own origin it names, else ORIGIN's. A passkey belongs to the address it was made at.
 */
export function relyingPartyFor(host: string | null): string {
	const own = ownOrigins().find((origin) => new URL(origin).host === host);
	return new URL(own ?? config().origin).hostname;
}

/** Reads base64url from a JSON field; refuses anything else calmly. */
function bytes(value: unknown, field: string): Uint8Array {
	if (typeof value !== 'string' || value.length > 16_384) {
		throw new DomainError('invalid', m.err_passkey_field({ field }));
	}
	try {
		return decodeBase64urlIgnorePadding(value);
	} catch {
		throw new DomainError('invalid', m.err_passkey_unreadable({ field }));
	}
}

/** A new challenge for this session, as base64url, with what the browser needs. */
export async function passkeyOptions(
	user: { id: number; email: string; displayName: string },
	sessionId: string,
	purpose: 'register' | 'sign_in',
	rpId: string
) {
	const challenge = crypto.getRandomValues(new Uint8Array(32));
	await insertChallenge(db(), {
		hash: sha256(challenge),
		sessionId,
		purpose,
		expiresAt: new Date(now().getTime() + CHALLENGE_MS)
	});
	const known = (await listPasskeys(db(), user.id)).map((p) =>
		encodeBase64urlNoPadding(new Uint8Array(p.id))
	);
	return {
		challenge: encodeBase64urlNoPadding(challenge),
		rpId,
		rpName: 'Kaigi',
		user: {
			id: encodeBase64urlNoPadding(new TextEncoder().encode(String(user.id))),
			name: user.email,
			displayName: user.displayName
		},
		credentialIds: known
	};
}

/**
 * Checks the client data of a ceremony: its type, one of Kaigi's own origins, and this session's
 * challenge. Returns the relying-party id that origin stands for.
 */
async function checkClientData(
	clientDataJSON: Uint8Array,
	type: ClientDataType,
	sessionId: string,
	purpose: 'register' | 'sign_in'
): Promise<string> {
	let clientData;
	try {
		clientData = parseClientDataJSON(clientDataJSON);
	} catch {
		throw new DomainError('invalid', refused());
	}
	if (
		clientData.type !== type ||
		!ownOrigins().includes(clientData.origin) ||
		clientData.crossOrigin
	) {
		throw new DomainError('invalid', refused());
	}
	if (!(await takeChallenge(db(), sha256(clientData.challenge), sessionId, purpose, now()))) {
		throw new DomainError('invalid', m.err_passkey_expired());
	}
	return new URL(clientData.origin).hostname;
}

/** Registers a passkey for oneself from the browser's attestation (format "none" accepted). */
export async function registerPasskey(
	actor: Actor,
	sessionId: string,
	body: Record<string, unknown>
): Promise<void> {
	const clientDataJSON = bytes(body.clientDataJSON, 'clientDataJSON');
	const attestationObject = bytes(body.attestationObject, 'attestationObject');
	const name =
		typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 100) : 'Passkey';
	const rpId = await checkClientData(clientDataJSON, ClientDataType.Create, sessionId, 'register');
	let credential;
	let counter: number;
	try {
		const { authenticatorData } = parseAttestationObject(attestationObject);
		if (!authenticatorData.verifyRelyingPartyIdHash(rpId)) throw new Error('rp');
		if (!authenticatorData.userPresent || !authenticatorData.credential) throw new Error('flags');
		credential = authenticatorData.credential;
		counter = authenticatorData.signatureCounter;
	} catch {
		throw new DomainError('invalid', refused());
	}
	const key = credential.publicKey;
	if (key.type() !== COSEKeyType.EC2 || key.algorithm() !== coseAlgorithmES256) {
		throw new DomainError('invalid', m.err_passkey_es256());
	}
	const ec2 = key.ec2();
	if (ec2.curve !== coseEllipticCurveP256) throw new DomainError('invalid', refused());
	const publicKey = new ECDSAPublicKey(p256, ec2.x, ec2.y).encodeSEC1Uncompressed();
	await changeStaffAccount(actor.id, actor.id, 'auth.passkey_add', (trx) =>
		insertPasskey(trx, {
			id: credential.id,
			userId: actor.id,
			name,
			publicKey,
			signCount: counter,
			at: now()
		})
	);
}

/**
 * The second step of signing in with a passkey. A refused assertion counts toward the same
 * throttling as a wrong password.
 */
export async function verifyPasskey(input: {
	userId: number;
	sessionId: string;
	body: Record<string, unknown>;
	ip: string;
}): Promise<void> {
	const step = await beginSecondStep(input.userId, input.sessionId, input.ip);
	const fail = (message = refused()) => step.fail(message);
	const credentialId = bytes(input.body.credentialId, 'credentialId');
	const clientDataJSON = bytes(input.body.clientDataJSON, 'clientDataJSON');
	const authenticatorDataBytes = bytes(input.body.authenticatorData, 'authenticatorData');
	const signatureBytes = bytes(input.body.signature, 'signature');
	let rpId: string;
	try {
		rpId = await checkClientData(clientDataJSON, ClientDataType.Get, input.sessionId, 'sign_in');
	} catch (error) {
		if (error instanceof DomainError) await fail(error.message);
		throw error;
	}
	const passkey = await findPasskey(db(), step.user.id, credentialId);
	if (!passkey) return fail();
	let counter: number;
	let valid: boolean;
	try {
		const authenticatorData = parseAuthenticatorData(authenticatorDataBytes);
		if (!authenticatorData.verifyRelyingPartyIdHash(rpId)) return fail();
		if (!authenticatorData.userPresent) return fail();
		counter = authenticatorData.signatureCounter;
		const message = createAssertionSignatureMessage(authenticatorDataBytes, clientDataJSON);
		valid = verifyECDSASignature(
			decodeSEC1PublicKey(p256, new Uint8Array(passkey.public_key)),
			sha256(message),
			decodePKIXECDSASignature(signatureBytes)
		);
	} catch {
		return fail();
	}
	if (!valid) return fail();
	const stored = Number(passkey.sign_count);
	if ((counter !== 0 || stored !== 0) && counter <= stored) {
		return fail(m.err_passkey_copied());
	}
	await step.succeed('passkey', async (trx) => {
		if (!(await advancePasskey(trx, passkey.id, passkey.sign_count, counter, now()))) {
			throw new DomainError('invalid', refused());
		}
	});
}

/** One's own passkeys, for the account page. */
export async function ownPasskeys(actor: Actor) {
	const rows = await listPasskeys(db(), actor.id);
	return rows.map((row) => ({ ...row, id: encodeBase64urlNoPadding(new Uint8Array(row.id)) }));
}

/** Removes one of one's own passkeys. */
export async function removePasskey(actor: Actor, id: string): Promise<void> {
	let credentialId: Uint8Array;
	try {
		credentialId = decodeBase64urlIgnorePadding(id);
	} catch {
		throw new DomainError('invalid', m.err_passkey_gone());
	}
	await changeStaffAccount(actor.id, actor.id, 'auth.passkey_remove', async (trx) => {
		if (!(await deletePasskey(trx, actor.id, credentialId))) {
			throw new DomainError('invalid', m.err_passkey_gone());
		}
	});
}
