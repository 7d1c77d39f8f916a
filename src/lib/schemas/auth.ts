import { z } from 'zod';
import { email, oneLine } from './fields.ts';

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
	'kaigikaigikaigi'
]);

export const newPassword = z
	.string({ error: 'Password is required' })
	.min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
	.max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`)
	.refine((v) => !COMMON.has(v.toLowerCase()), 'This password is too common; choose another')
	.refine((v) => new Set(v).size >= 4, 'This password is too easy to guess; choose another');

export const loginSchema = z.object({
	email,
	password: z
		.string({ error: 'Password is required' })
		.min(1, 'Password is required')
		.max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`)
});

export const staffCreateSchema = z.object({
	email,
	displayName: oneLine(200, 'Name'),
	isAdmin: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true')
});

export const passwordChangeSchema = z
	.object({
		currentPassword: z.string().min(1, 'Current password is required').max(PASSWORD_MAX),
		newPassword,
		confirmPassword: z.string()
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		message: 'The two new passwords do not match',
		path: ['confirmPassword']
	});
