import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { db } from '../../src/lib/server/db/database.ts';
import type { InvitationInput } from '../../src/lib/schemas/invitation.ts';

let counter = 0;

/** Creates a staff user with a known password. */
export async function makeStaff(
	options: { admin?: boolean; password?: string; email?: string; createsEvents?: boolean } = {}
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
			is_admin: options.admin ?? false,
			can_create_events: options.createsEvents ?? false
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return { ...user, password };
}

type EventOverrides = Partial<{
	slug: string;
	code: string;
	title: string;
	status: 'draft' | 'published' | 'closed' | 'archived' | 'cancelled';
	visibility: 'public' | 'unlisted';
	registration_mode: 'invitation' | 'open' | 'approval';
	capacity: number | null;
	time_zone: string;
	starts_on: string;
	ends_on: string;
	collect_visa_support: boolean;
	registration_opens_at: Date | null;
	registration_closes_at: Date | null;
	created_by: number | null;
	city: string;
	country: string;
	published_at: Date | null;
}>;

/** Inserts a published, open event in Tokyo (overridable) and returns it. */
export async function makeEvent(overrides: EventOverrides = {}) {
	counter++;
	const suffix = `${counter}${Math.random().toString(36).slice(2, 6)}`;
	return db()
		.insertInto('events')
		.values({
			slug: `event-${suffix}`,
			code: `EV${suffix
				.toUpperCase()
				.replace(/[^A-Z0-9]/g, '')
				.slice(0, 8)}`,
			title: `Test event ${suffix}`,
			kind: 'meeting',
			starts_on: '2027-02-16',
			ends_on: '2027-02-18',
			venue: 'Mita Conference Hall',
			city: 'Tokyo',
			country: 'JP',
			time_zone: 'Asia/Tokyo',
			contact_email: 'secretariat@example.org',
			status: 'published',
			registration_mode: 'open',
			capacity: null,
			privacy_notice: 'Your data is used to organise the meeting.',
			...overrides
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** Adds a staff member to an event with a role. */
export async function addEventStaff(
	eventId: number,
	userId: number,
	role: 'organizer' | 'secretariat' | 'checkin'
) {
	await db()
		.insertInto('event_staff')
		.values({ event_id: eventId, user_id: userId, role })
		.execute();
}

/** Inserts a country delegation (or an organisation when `kind` is 'organisation'). */
export async function makeDelegation(
	eventId: number,
	code: string,
	options: {
		name?: string;
		quota?: number | null;
		kind?: 'country' | 'organisation';
		sortOrder?: number;
	} = {}
) {
	const kind = options.kind ?? 'country';
	return db()
		.insertInto('delegations')
		.values({
			event_id: eventId,
			kind,
			country_code: kind === 'country' ? code : null,
			code,
			name: options.name ?? code,
			quota: options.quota ?? null,
			sort_order: options.sortOrder ?? 0
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

type RegistrationOverrides = Partial<{
	status: 'pending' | 'confirmed' | 'waitlisted' | 'declined' | 'cancelled';
	category:
		'head_of_delegation' | 'delegate' | 'observer' | 'resource_person' | 'secretariat' | 'press';
	given_name: string | null;
	family_name: string;
	honorific: string | null;
	email: string;
	organisation: string;
	position: string;
	phone: string;
	dietary: 'none' | 'vegetarian' | 'vegan' | 'halal' | 'kosher' | 'other';
	dietary_notes: string;
	accessibility_needs: string;
	arrival_at: Date | null;
	departure_at: Date | null;
	arrival_airport: string;
	departure_airport: string;
	arrival_flight: string;
	departure_flight: string;
	accommodation: string;
	consent_email_in_list: boolean;
	checked_in_at: Date | null;
	checked_in_by: number | null;
	created_at: Date;
}>;

/**
 * Inserts a registration directly (no rules applied: for tests of what reads registrations).
 * Keeps the event and delegation seat counters in step for confirmed ones.
 */
export async function makeRegistration(
	event: { id: number; code: string },
	delegation: { id: number; code: string },
	overrides: RegistrationOverrides = {}
) {
	counter++;
	const email =
		overrides.email ?? `delegate${counter}-${Math.random().toString(36).slice(2, 7)}@example.org`;
	const user = await db()
		.insertInto('users')
		.values({ email, display_name: overrides.family_name ?? `Delegate ${counter}` })
		.onConflict((oc) => oc.column('email').doUpdateSet({ email }))
		.returning('id')
		.executeTakeFirstOrThrow();
	const number = await db()
		.updateTable('delegations')
		.set((eb) => ({ next_number: eb('next_number', '+', 1) }))
		.where('id', '=', delegation.id)
		.returning('next_number')
		.executeTakeFirstOrThrow();
	const status = overrides.status ?? 'confirmed';
	if (status === 'confirmed') {
		await db()
			.updateTable('delegations')
			.set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
			.where('id', '=', delegation.id)
			.execute();
		await db()
			.updateTable('events')
			.set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
			.where('id', '=', event.id)
			.execute();
	}
	const at = overrides.created_at ?? new Date();
	const familyName = overrides.family_name ?? `Family${counter}`;
	return db()
		.insertInto('registrations')
		.values({
			event_id: event.id,
			user_id: user.id,
			delegation_id: delegation.id,
			reference: `${event.code}-${delegation.code}-${String(number.next_number - 1).padStart(3, '0')}`,
			status,
			category: overrides.category ?? 'delegate',
			honorific: overrides.honorific ?? 'Ms.',
			given_name: overrides.given_name === undefined ? `Given${counter}` : overrides.given_name,
			family_name: familyName,
			badge_name: `${overrides.given_name ?? `Given${counter}`} ${familyName}`,
			consent_data_processing: true,
			created_at: at,
			updated_at: at,
			status_changed_at: at,
			...overrides,
			email
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** What an organizer types to invite one person (Somchai Jaidee of Thailand, unless overridden). */
export function invitationInput(
	email: string,
	overrides: Partial<InvitationInput> = {}
): InvitationInput {
	return {
		honorific: 'Mr.',
		givenName: 'Somchai',
		familyName: 'Jaidee',
		email,
		delegation: 'TH',
		organisation: 'MSDHS',
		position: 'Director',
		category: 'delegate',
		personalMessage: undefined,
		...overrides
	};
}
