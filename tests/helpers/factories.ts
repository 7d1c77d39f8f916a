import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { db } from '../../src/lib/server/db/database.ts';

let counter = 0;

/** Creates a staff user with a known password. */
export async function makeStaff(
	options: { admin?: boolean; password?: string; email?: string } = {}
) {
	counter++;
	const password = options.password ?? 'correct horse battery';
	const user = await db()
		.insertInto('users')
		.values({
			email:
				options.email ?? `staff${counter}-${Math.random().toString(36).slice(2, 7)}@example.org`,
			display_name: `Staff ${counter}`,
			password_hash: await hashPassword(password),
			is_staff: true,
			is_admin: options.admin ?? false
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return { ...user, password };
}
