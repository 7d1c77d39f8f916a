// A registration's reference, "HLOM6-TH-007": the event's code, the delegation's code and the
// delegation's running number (at least three digits). A label people read out and type, never
// a credential (DESIGN §8). Browser-safe.

export type ReferenceParts = { eventCode: string; delegationCode: string; number: number };

const PARTS = /^([A-Z0-9]{2,12})-([A-Z0-9]{2,10})-(\d{1,6})$/;
// A full reference anywhere in a text (a scanned URL, say).
const IN_TEXT = /(?:^|[^A-Z0-9])([A-Z0-9]{2,12})-([A-Z0-9]{2,10})-(\d{1,6})(?![A-Z0-9])/;
// The end of one, as typed at a desk that knows the event: "TH-7".
const SHORT = /^([A-Z0-9]{2,10})-(\d{1,6})$/;

/** A running number as references and document numbers print it: at least three digits ("007"). */
export function runningNumber(number: number): string {
	return String(number).padStart(3, '0');
}

/** "HLOM6-TH-007". */
export function formatReference(eventCode: string, delegationCode: string, number: number): string {
	return `${eventCode}-${delegationCode}-${runningNumber(number)}`;
}

/** The parts of a reference typed in any case ("hlom6-th-7"), or null when it is not one. */
export function parseReference(text: string): ReferenceParts | null {
	const m = PARTS.exec(text.trim().toUpperCase());
	return m ? { eventCode: m[1], delegationCode: m[2], number: Number(m[3]) } : null;
}

/** The reference as stored ("hlom6-th-7" → "HLOM6-TH-007"), or null when it is not one. */
export function normaliseReference(text: string): string | null {
	const parts = parseReference(text);
	return parts && formatReference(parts.eventCode, parts.delegationCode, parts.number);
}

/**
 * The reference a scanned or typed text means: a full one anywhere in it, or the short form
 * "TH-7" (then `eventCode` is null: the event the desk serves). Any case.
 */
export function findReference(
	text: string
): (Omit<ReferenceParts, 'eventCode'> & { eventCode: string | null }) | null {
	const upper = text.trim().toUpperCase();
	const full = IN_TEXT.exec(upper);
	if (full) return { eventCode: full[1], delegationCode: full[2], number: Number(full[3]) };
	const short = SHORT.exec(upper);
	if (short) return { eventCode: null, delegationCode: short[1], number: Number(short[2]) };
	return null;
}
