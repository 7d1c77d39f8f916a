import type { MailStatus } from '$lib/mail-status';
import { m } from '$lib/paraglide/messages.js';

// The mail log's status words in the language of the page (MAIL_STATUS keeps their tones).
const STATUS_TEXT: Record<MailStatus, () => string> = {
	queued: () => m.mlog_status_queued(),
	sending: () => m.mlog_status_sending(),
	sent: () => m.mlog_status_sent(),
	failed: () => m.mlog_status_failed()
};

/** "Queued", "送信待ち"… */
export function mailStatusText(status: MailStatus): string {
	return STATUS_TEXT[status]();
}
