import { describe, expect, it } from 'vitest';
import { newPassword } from '../../src/lib/schemas/auth.ts';
import { generatePassword } from '../../src/lib/server/auth/password.ts';

describe('staff password policy', () => {
	it('needs at least 12 characters and accepts up to 128', () => {
		expect(newPassword.safeParse('short pass1').success).toBe(false);
		expect(newPassword.safeParse('twelve chars').success).toBe(true);
		expect(
			newPassword.safeParse('x'.repeat(64).replace(/x/g, (_, i) => 'abcdefgh'[i % 8])).success
		).toBe(true);
		expect(newPassword.safeParse('abcdefgh'.repeat(16)).success).toBe(true);
		expect(newPassword.safeParse('abcdefgh'.repeat(16) + 'a').success).toBe(false);
	});

	it('refuses the most common passwords and trivial ones', () => {
		for (const common of ['password1234', 'Qwertyuiop12', '123456789012', 'aaaaaaaaaaaaaaaa']) {
			const result = newPassword.safeParse(common);
			expect(result.success, common).toBe(false);
		}
	});

	it('generated passwords satisfy the policy', () => {
		for (let i = 0; i < 20; i++)
			expect(newPassword.safeParse(generatePassword()).success).toBe(true);
	});
});
