// A registration's status: the one list, the one word each is shown with (to staff and
// delegates alike), its badge tone (never colour alone: the word is always on the badge) and
// the sentence that tells the delegate what it means for them. Browser-safe.
import type { Locale } from '../i18n/locales.ts';
import { m } from '../paraglide/messages.js';

export const REGISTRATION_STATUSES = [
	'pending',
	'confirmed',
	'waitlisted',
	'declined',
	'cancelled'
] as const;

export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** A badge's tone, as the `badge` class takes it ('' is the plain badge). */
export type StatusTone = '' | 'ok' | 'warn' | 'bad';

/** How each status looks on a badge; its words are in the message files (statusText). */
export const REGISTRATION_STATUS: Record<RegistrationStatus, { tone: StatusTone }> = {
	pending: { tone: 'warn' },
	confirmed: { tone: 'ok' },
	waitlisted: { tone: 'warn' },
	declined: { tone: 'bad' },
	cancelled: { tone: '' }
};

/** "Awaiting approval", "On the waiting list"…: the English words, for files and logs. */
export function statusLabel(status: RegistrationStatus): string {
	return statusText(status, 'en');
}

/** True for a known status code (e.g. from a URL). */
export function isRegistrationStatus(value: string): value is RegistrationStatus {
	return (REGISTRATION_STATUSES as readonly string[]).includes(value);
}

/** The statuses that hold a place or may still get one: not declined, not cancelled. */
export const ACTIVE_STATUSES = [
	'pending',
	'confirmed',
	'waitlisted'
] as const satisfies readonly RegistrationStatus[];

/** True while the registration holds a place or may still get one. */
export function isActiveStatus(status: RegistrationStatus): boolean {
	return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

// The words a delegate reads, in their language (messages/*.json); staff lists keep the labels above.
const STATUS_TEXT: Record<RegistrationStatus, { label: MessageFn; explain: MessageFn }> = {
	pending: { label: m.status_pending, explain: m.status_explain_pending },
	confirmed: { label: m.status_confirmed, explain: m.status_explain_confirmed },
	waitlisted: { label: m.status_waitlisted, explain: m.status_explain_waitlisted },
	declined: { label: m.status_declined, explain: m.status_explain_declined },
	cancelled: { label: m.status_cancelled, explain: m.status_explain_cancelled }
};
type MessageFn = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/** The status in a language: `locale` for a mail, else the page's. */
export function statusText(status: RegistrationStatus, locale?: Locale): string {
	return STATUS_TEXT[status].label({}, locale ? { locale } : {});
}

/** What the status means for the delegate, in a language: `locale` for a mail, else the page's. */
export function statusExplanation(status: RegistrationStatus, locale?: Locale): string {
	return STATUS_TEXT[status].explain({}, locale ? { locale } : {});
}
