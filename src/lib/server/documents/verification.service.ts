import { getLocale } from '../../paraglide/runtime.js';
import { formatDay, formatDayRange } from '../../time.ts';
import { m } from '../../paraglide/messages.js';
import { consume } from '../auth/rate-limit.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { verifyCredential } from './credential.ts';
import { documentKindText } from './defaults.ts';
import { findByCode } from './document.repository.ts';
import { holderName, longDay, longDayRange } from './document-values.ts';
import { formatCode, normaliseCode } from './verification-code.ts';

// /verify: whether a document is genuine and still valid, by its code or its signed credential.
// It says who holds it, for which event and when it was issued — never passport data. Lookups
// are limited per address, so codes cannot be guessed by the thousand.

const LIMIT = { max: 30, windowMs: 10 * 60 * 1000 };

export type Verdict =
	| { state: 'unknown'; code: string }
	| {
			state: 'valid' | 'void';
			code: string;
			kind: string;
			number: string;
			holder: string;
			event: string;
			eventDates: string;
			issuedOn: string;
			voidedOn: string | null;
	  };

async function limit(ip: string) {
	if (!(await consume(db(), `verify:${ip}`, LIMIT))) {
		throw new DomainError('rate_limited', m.err_verify_rate());
	}
}

/** The verdict on a typed or scanned code. */
export async function verifyCode(typed: string, ip: string): Promise<Verdict> {
	await limit(ip);
	const code = normaliseCode(typed);
	if (!code) return { state: 'unknown', code: typed.slice(0, 40) };
	const doc = await findByCode(db(), code);
	if (!doc || doc.status === 'requested') return { state: 'unknown', code: formatCode(code) };
	const snapshot = (doc.snapshot ?? {}) as Record<string, string>;
	// The page's language: in English as the document writes it ("9 March 2027"), else as `Intl`
	// writes it there ("2027年3月9日").
	const locale = getLocale();
	const dayText = (day: string) =>
		locale === 'en' ? longDay(day) : formatDay(day, { weekday: false }, locale);
	const day = (at: Date | null) =>
		at ? dayText(new Intl.DateTimeFormat('en-CA', { timeZone: doc.time_zone }).format(at)) : null;
	return {
		state: doc.status === 'void' ? 'void' : 'valid',
		code: formatCode(code),
		kind: documentKindText(doc.kind),
		number: doc.number ?? '',
		holder: holderName(snapshot),
		event: doc.event_title,
		eventDates:
			locale === 'en'
				? longDayRange(doc.starts_on, doc.ends_on)
				: formatDayRange(doc.starts_on, doc.ends_on, locale),
		issuedOn: day(doc.issued_at) ?? '',
		voidedOn: day(doc.voided_at)
	};
}

/** The verdict on a signed credential: its signature first, then its document's state. */
export async function verifyCredentialText(
	jws: string,
	ip: string
): Promise<Verdict | { state: 'forged' }> {
	const code = verifyCredential(jws);
	if (!code) {
		await limit(ip);
		return { state: 'forged' };
	}
	return verifyCode(code, ip);
}
