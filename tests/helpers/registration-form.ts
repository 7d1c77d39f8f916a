import { randomBytes } from 'node:crypto';
import { inLetters } from './registration-input.ts';

// The public registration form over real HTTP, as a browser without JavaScript sends it.

export const OPEN_EVENT = 'labour-leaders-training';

export type Person = { key: string; email: string; familyName: string; delegationId: string };

export type Outcome =
	| { kind: 'registered' } // 303 to the done page
	| { kind: 'refused'; status: number; body: string }
	| { kind: 'unknown'; error: string }; // no answer: connection reset by a killed server

/** A form key like the one a render carries (the server accepts 16–64 of [A-Za-z0-9_-]). */
export function newSubmissionKey(): string {
	return randomBytes(18).toString('base64url');
}

/** The delegation ids offered by the rendered form, and its own submission key. */
export async function renderForm(appUrl: string, slug = OPEN_EVENT) {
	const response = await fetch(`${appUrl}/events/${slug}/register`, {
		headers: { accept: 'text/html' }
	});
	const page = await response.text();
	const select = page.match(/<select[^>]*name="delegationId"[\s\S]*?<\/select>/)?.[0] ?? '';
	const delegationIds = [...select.matchAll(/<option[^>]*value="(\d+)"/g)].map((m) => m[1]);
	const submissionKey = page.match(/name="submissionKey"[^>]*value="([^"]+)"/)?.[1] ?? null;
	return { status: response.status, delegationIds, submissionKey };
}

/** The fields the form posts for a person. */
export function formFields(person: Person): Record<string, string> {
	return {
		submissionKey: person.key,
		honorific: 'Ms.',
		givenName: 'Thi Minh',
		familyName: person.familyName,
		position: 'Director, Labour Inspection Department',
		organisation: 'Ministry of Labour',
		delegationId: person.delegationId,
		category: 'delegate',
		email: person.email,
		emailConfirmation: person.email,
		phone: '+84 24 3826 9534',
		dietary: 'none',
		consentDataProcessing: 'on'
	};
}

/** Posts the registration form; a 303 to the done page is the success a delegate sees. */
export async function postRegistration(
	appUrl: string,
	person: Person,
	slug = OPEN_EVENT
): Promise<Outcome> {
	try {
		const response = await fetch(`${appUrl}/events/${slug}/register`, {
			method: 'POST',
			body: new URLSearchParams(formFields(person)),
			headers: {
				origin: appUrl,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000)
		});
		const body = await response.text();
		const location = response.headers.get('location') ?? '';
		if (response.status === 303 && location.endsWith(`/events/${slug}/register/done`)) {
			return { kind: 'registered' };
		}
		return { kind: 'refused', status: response.status, body: body.slice(0, 500) };
	} catch (error) {
		return { kind: 'unknown', error: String((error as Error).cause ?? error) };
	}
}

/**
 * `clients` clients register new people one after another until `stop()` says so; each person's
 * outcome is kept (still "unknown" for a post a killed server never answered).
 */
export function rush(options: {
	appUrl: string;
	delegationIds: string[];
	clients: number;
	tag: string;
	domain: string;
	stop: () => boolean;
}) {
	const outcomes = new Map<Person, Outcome>();
	let next = 0;
	const one = async () => {
		while (!options.stop()) {
			const n = next++;
			const person: Person = {
				key: newSubmissionKey(),
				email: `rush-${options.tag}-${n}@${options.domain}`,
				familyName: `Rushperson ${inLetters(`${options.tag}${n}`)}`,
				delegationId: options.delegationIds[n % options.delegationIds.length]
			};
			outcomes.set(person, { kind: 'unknown', error: 'not answered yet' });
			outcomes.set(person, await postRegistration(options.appUrl, person));
		}
	};
	return { outcomes, done: Promise.all(Array.from({ length: options.clients }, one)) };
}

/** The people of a rush whose post ended this way. */
export function withOutcome(outcomes: Map<Person, Outcome>, kind: Outcome['kind']): Person[] {
	return [...outcomes].filter(([, outcome]) => outcome.kind === kind).map(([person]) => person);
}
