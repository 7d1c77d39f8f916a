// How an outbox row's state reads in the mail log: a word on each badge, never colour alone.

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export const MAIL_STATUS: Record<MailStatus, { label: string; tone: '' | 'ok' | 'warn' | 'bad' }> =
	{
		queued: { label: 'Queued', tone: '' },
		sending: { label: 'Sending', tone: 'warn' },
		sent: { label: 'Sent', tone: 'ok' },
		failed: { label: 'Failed', tone: 'bad' }
	};

export const MAIL_STATUSES = Object.keys(MAIL_STATUS) as MailStatus[];

/** "registration-confirmed" → "Registration confirmed". */
export function templateLabel(template: string): string {
	const words = template.replace(/[-_]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
