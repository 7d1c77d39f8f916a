import { z } from 'zod';
import { m } from '../paraglide/messages.js';

// A staff member's notification setting for one event.

/** Each choice in the language of the page ("Do not e-mail me"…). */
export const NOTIFICATION_MODE_LABELS = {
	off: () => m.ntf_mode_off(),
	immediate: () => m.ntf_mode_immediate(),
	digest: () => m.ntf_mode_digest()
} as const;

export const notificationSettingSchema = z.object({
	mode: z.enum(['off', 'immediate', 'digest'], { error: () => m.ntf_error_mode() })
});
