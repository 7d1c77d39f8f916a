import { z } from 'zod';

// A staff member's notification setting for one event.

export const NOTIFICATION_MODE_LABELS = {
	off: 'Do not e-mail me',
	immediate: 'E-mail me as things happen',
	digest: 'One summary a day, at 08:00 event time'
} as const;

export const notificationSettingSchema = z.object({
	mode: z.enum(['off', 'immediate', 'digest'], { error: 'Choose one of the options' })
});
