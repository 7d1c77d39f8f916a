import { z } from 'zod';

// A staff member's notification setting for one event.

export const NOTIFICATION_MODE_LABELS = {
	off: 'Do not e-mail me',
	immediate: 'E-mail me as things happen',
	digest: 'One summary a day, at 08:00 event time'
} as const;

/** The same choices in a word or two, as the audit log reads them. */
export const NOTIFICATION_MODE_SHORT: Record<string, string> = {
	off: 'Off',
	immediate: 'As things happen',
	digest: 'Daily summary'
};

export const notificationSettingSchema = z.object({
	mode: z.enum(['off', 'immediate', 'digest'], { error: 'Choose one of the options' })
});
