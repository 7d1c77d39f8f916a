import { seedFocalPoints } from './focal-points.ts';
import type { DB } from '../db/database.ts';
import { hashPassword } from '../auth/password.ts';
import { findUserByEmail, insertUser } from '../users/user.repository.ts';
import { seedDemoCheckins } from './checkin.ts';
import { seedDemoDocuments } from './documents.ts';
import { seedDemoEvents } from './events.ts';
import { seedDemoRegistrations } from './registrations.ts';
import { seedQuestions } from './questions.ts';
import { seedVisits } from './visits.ts';
import { seedInvitations } from './invitations.ts';

// Demo accounts. Their passwords are public on purpose: they exist only in demo data.
export const DEMO_ACCOUNTS = [
	{
		email: 'admin@kaigi.example',
		name: 'Demo Administrator',
		password: 'kaigi-demo-admin',
		admin: true
	},
	{
		email: 'organizer@kaigi.example',
		name: 'Aiko Tanaka',
		password: 'kaigi-demo-organizer',
		admin: false,
		createsEvents: true
	},
	{
		email: 'secretariat@kaigi.example',
		name: 'Somchai Prasert',
		password: 'kaigi-demo-secretariat',
		admin: false
	},
	{ email: 'checkin@kaigi.example', name: 'Dara Sok', password: 'kaigi-demo-checkin', admin: false }
] as const;

async function ensureStaff(database: DB, account: (typeof DEMO_ACCOUNTS)[number]): Promise<number> {
	const existing = await findUserByEmail(database, account.email);
	if (existing) return existing.id;
	const user = await insertUser(database, {
		email: account.email,
		display_name: account.name,
		password_hash: await hashPassword(account.password),
		is_staff: true,
		is_admin: account.admin,
		can_create_events: 'createsEvents' in account && account.createsEvents
	});
	return user.id;
}

/** Creates the demo accounts and events; running it again changes nothing. */
export async function seedDemo(database: DB): Promise<{ logins: string[] }> {
	const ids: Record<string, number> = {};
	for (const account of DEMO_ACCOUNTS) ids[account.email] = await ensureStaff(database, account);
	await seedDemoEvents(database, {
		organizer: ids['organizer@kaigi.example'],
		secretariat: ids['secretariat@kaigi.example'],
		checkin: ids['checkin@kaigi.example']
	});
	await seedDemoRegistrations(database);
	await seedDemoCheckins(database, ids['checkin@kaigi.example']);
	await seedVisits(database);
	await seedInvitations(database);
	await seedQuestions(database);
	await seedFocalPoints(database);
	await seedDemoDocuments(database, ids['organizer@kaigi.example']);
	return {
		logins: DEMO_ACCOUNTS.map(
			(a) => `demo ${a.admin ? 'admin' : a.email.split('@')[0]}: ${a.email} / ${a.password}`
		)
	};
}
