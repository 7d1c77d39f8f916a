import { publicJwk } from '$lib/server/documents/credential';
import type { RequestHandler } from './$types';

// The public key that signs documents' credentials (Ed25519, as a JSON Web Key), for anyone who
// checks a credential without asking this server about each one.
export const GET: RequestHandler = () =>
	new Response(JSON.stringify({ ...publicJwk(), alg: 'EdDSA', use: 'sig' }), {
		headers: {
			'Content-Type': 'application/jwk+json',
			'Cache-Control': 'public, max-age=3600',
			'X-Content-Type-Options': 'nosniff'
		}
	});
