import type { Locale } from './i18n/locales.ts';
import { m } from './paraglide/messages.js';
import { getLocale } from './paraglide/runtime.js';

type Message = (inputs: object, options: { locale: Locale }) => string;

// How an outbox row's state reads in the mail log: a word on each badge, never colour alone.

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** Each state's badge tone and its word ("Queued", "送信待ち"…) in the message files. */
export const MAIL_STATUS: Record<MailStatus, { text: Message; tone: '' | 'ok' | 'warn' | 'bad' }> =
	{
		queued: { text: m.mlog_status_queued, tone: '' },
		sending: { text: m.mlog_status_sending, tone: 'warn' },
		sent: { text: m.mlog_status_sent, tone: 'ok' },
		failed: { text: m.mlog_status_failed, tone: 'bad' }
	};

/** A mail's state in words, in the page's language or in `locale`. */
export function mailStatusText(status: MailStatus, locale?: Locale): string {
	return MAIL_STATUS[status].text({}, { locale: locale ?? (getLocale() as Locale) });
}

export const MAIL_STATUSES = Object.keys(MAIL_STATUS) as MailStatus[];

/** Each kind of message in words, by its template (or the start of it). */
const TEMPLATE_TEXT: Record<string, Message> = {
	'registration-received': m.mt_registration_received,
	'registration-confirmed': m.mt_registration_confirmed,
	'registration-waitlisted': m.mt_registration_waitlisted,
	'registration-promoted': m.mt_registration_promoted,
	'registration-declined': m.mt_registration_declined,
	'registration-cancelled': m.mt_registration_cancelled,
	'registration-corrected': m.mt_registration_corrected,
	invitation: m.mt_invitation,
	reminder: m.mt_reminder,
	announcement: m.mt_announcement,
	'sign-in': m.mt_sign_in,
	'event-cancelled': m.mt_event_cancelled,
	nomination_call: m.mt_nomination_call,
	nomination_reminder: m.mt_nomination_reminder,
	nomination_received: m.mt_nomination_received,
	delegation_link: m.mt_delegation_link,
	endorsement_requested: m.mt_endorsement,
	substitution: m.mt_substitution,
	photo_rejected: m.mt_photo_rejected,
	'email-change': m.mt_email_change,
	'email-changed': m.mt_email_change,
	'privacy-erasure-request': m.mt_privacy
};
const TEMPLATE_PREFIX_TEXT: Array<[string, Message]> = [
	['visit-', m.mt_visit],
	['letter_', m.mt_letter],
	['document.', m.mt_document],
	['staff-', m.mt_staff]
];

/**
 * What kind of message a template is, in the page's language or the one given: "Registration
 * confirmed", "招待状"; an unknown template reads as its own words.
 */
export function templateLabel(template: string, locale?: Locale): string {
	const text =
		TEMPLATE_TEXT[template] ??
		TEMPLATE_PREFIX_TEXT.find(([start]) => template.startsWith(start))?.[1];
	if (text) return text({}, { locale: locale ?? getLocale() });
	const words = template.replace(/[-_.]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
