import { z } from 'zod';
import { email, oneLine } from './fields.ts';
import { m } from '../paraglide/messages.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The most used passwords of 12 or more characters in public breach lists.
const COMMON = new Set([
	'123456789012',
	'1234567890123',
	'12345678901234',
	'123456789123',
	'passwordpassword',
	'password1234',
	'password12345',
	'password123456',
	'qwertyuiop12',
	'qwertyuiopas',
	'qwertyuiopasdf',
	'qwerty123456',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'iloveyou1234',
	'administrator',
	'administrator1',
	'letmeinletmein',
	'welcome12345',
	'welcome123456',
	'abcdefghijkl',
	'abc123456789',
	'aaaaaaaaaaaa',
	'111111111111',
	'000000000000',
	'changeme1234',
	'kaigikaigikaigi',
	'qwertyuiopasdfghjkl',
	'1234567890qwerty',
	'qwerty1234567890',
	'password123!',
	'password1234!',
	'passw0rdpassw0rd',
	'p@ssw0rd1234',
	'p@ssword1234',
	'p@ssword123!',
	'admin@123456',
	'admin1234567',
	'administrator123',
	'aa123456789!',
	'abcd12345678',
	'qwerty123456789',
	'123qweasdzxc',
	'1qaz2wsx3edc4rfv',
	'1q2w3e4r5t6y7u8i',
	'q1w2e3r4t5y6',
	'zaq12wsxcde3',
	'!qaz2wsx#edc',
	'qazwsxedcrfv',
	'qweasdzxc123',
	'zxcvbnm12345',
	'asdfghjkl123',
	'asdfasdfasdf',
	'147258369147',
	'123123123123',
	'121212121212',
	'112233445566',
	'987654321098',
	'999999999999',
	'trustno1trustno1',
	'welcome@1234',
	'football1234',
	'baseball1234',
	'superman1234',
	'sunshine1234',
	'princess1234',
	'michael12345',
	'monkey123456',
	'dragon123456',
	'letmein12345',
	'iloveyou12345',
	'computer1234',
	'internet1234',
	'secret123456',
	'qwertyqwerty',
	'passwordpassword1'
]);

export const newPassword = z
	.string({ error: () => m.auth_password_required() })
	.min(PASSWORD_MIN, { error: () => m.auth_password_min({ min: PASSWORD_MIN }) })
	.max(PASSWORD_MAX, { error: () => m.auth_password_max({ max: PASSWORD_MAX }) })
	.refine((v) => !COMMON.has(v.toLowerCase()), { error: () => m.auth_password_common() })
	.refine((v) => new Set(v).size >= 4, { error: () => m.auth_password_easy() });

export const loginSchema = z.object({
	email,
	password: z
		.string({ error: () => m.auth_password_required() })
		.min(1, { error: () => m.auth_password_required() })
		.max(PASSWORD_MAX, { error: () => m.auth_password_max({ max: PASSWORD_MAX }) })
});

export const staffCreateSchema = z.object({
	email,
	displayName: oneLine(200, m.label_name),
	isAdmin: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true'),
	createsEvents: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true')
});

export const passwordChangeSchema = z
	.object({
		currentPassword: z
			.string()
			.min(1, { error: () => m.auth_current_password_required() })
			.max(PASSWORD_MAX),
		newPassword,
		confirmPassword: z.string()
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		error: () => m.auth_new_passwords_differ(),
		path: ['confirmPassword']
	});

/** Setting one's own password from an invitation or a reset link. */
export const passwordSetSchema = z
	.object({ newPassword, confirmPassword: z.string().max(PASSWORD_MAX) })
	.refine((v) => v.newPassword === v.confirmPassword, {
		error: () => m.auth_passwords_differ(),
		path: ['confirmPassword']
	});

export const forgotPasswordSchema = z.object({ email });

/** A code from an authenticator app (6 digits) or a recovery code; spaces and dashes ignored. */
export const secondFactorSchema = z.object({
	code: z
		.string({ error: () => m.auth_code_missing() })
		.max(64, { error: () => m.auth_code_too_long() })
		.transform((v) => v.replace(/[\s-]/g, '').toLowerCase())
		.pipe(
			z
				.string()
				.min(1, { error: () => m.auth_code_missing() })
				.regex(/^([0-9]{6}|[a-z2-7]{10})$/, { error: () => m.auth_code_format() })
		)
});
