import { m } from './paraglide/messages.js';
// The browser's side of passkeys: asks the server for a challenge, lets the authenticator
// answer it, and posts the answer back as base64url JSON. Returns a sentence when it fails.

type Options = {
	challenge: string;
	rpId: string;
	rpName: string;
	user: { id: string; name: string; displayName: string };
	credentialIds: string[];
};

function toBase64Url(buffer: ArrayBuffer): string {
	let text = '';
	for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
	return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function send(url: string, body: unknown): Promise<{ message?: string; next?: string }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	const answer = (await response.json().catch(() => ({}))) as { message?: string; next?: string };
	return response.ok ? answer : { message: answer.message ?? m.pk_went_wrong() };
}

async function options(url: string): Promise<Options> {
	const response = await fetch(url, { headers: { accept: 'application/json' } });
	if (!response.ok) throw new Error('no challenge');
	return response.json();
}

/** Creates a passkey on this device and registers it; returns a sentence on failure. */
export async function addPasskey(url: string, name: string): Promise<string | undefined> {
	try {
		const o = await options(url);
		const credential = (await navigator.credentials.create({
			publicKey: {
				challenge: fromBase64Url(o.challenge),
				rp: { id: o.rpId, name: o.rpName },
				user: { id: fromBase64Url(o.user.id), name: o.user.name, displayName: o.user.displayName },
				pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
				excludeCredentials: o.credentialIds.map((id) => ({
					type: 'public-key' as const,
					id: fromBase64Url(id)
				})),
				attestation: 'none',
				authenticatorSelection: { userVerification: 'preferred' }
			}
		})) as PublicKeyCredential | null;
		if (!credential) return m.pk_none_created();
		const response = credential.response as AuthenticatorAttestationResponse;
		return (
			await send(url, {
				name,
				clientDataJSON: toBase64Url(response.clientDataJSON),
				attestationObject: toBase64Url(response.attestationObject)
			})
		).message;
	} catch {
		return m.pk_create_failed();
	}
}

/** Signs in with a passkey; returns where to go next, or a sentence on failure. */
export async function signInWithPasskey(url: string): Promise<{ next?: string; message?: string }> {
	try {
		const o = await options(url);
		const credential = (await navigator.credentials.get({
			publicKey: {
				challenge: fromBase64Url(o.challenge),
				rpId: o.rpId,
				allowCredentials: o.credentialIds.map((id) => ({
					type: 'public-key' as const,
					id: fromBase64Url(id)
				})),
				userVerification: 'preferred'
			}
		})) as PublicKeyCredential | null;
		if (!credential) return { message: m.pk_none_used() };
		const response = credential.response as AuthenticatorAssertionResponse;
		return await send(url, {
			credentialId: toBase64Url(credential.rawId),
			clientDataJSON: toBase64Url(response.clientDataJSON),
			authenticatorData: toBase64Url(response.authenticatorData),
			signature: toBase64Url(response.signature)
		});
	} catch {
		return { message: m.pk_use_failed() };
	}
}
