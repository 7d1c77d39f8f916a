import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { dietaryDescription } from '../../domain/dietary.ts';
import { manifestName } from '../../domain/person-name.ts';
import {
	DELEGATION_NAME_COLUMNS,
	delegationOfRow,
	NAME_COLUMNS
} from '../registrations/person-columns.ts';
import { sql } from 'kysely';
import type { DB } from '../db/database.ts';
import { waitlistPlaces } from './visit.repository.ts';

// The secretariat's manifest of one field visit: who is on the bus, how to reach them, what they
// need; confirmed seats first (by delegation), then the wait-list in order.

export type ManifestRow = {
	reference: string;
	name: string;
	delegation: string;
	phone: string;
	dietary: string;
	accessibility: string;
	seat: 'confirmed' | 'waitlisted';
	waitlistPlace: number | null;
	/** Marked on board at least once in the visit's roll call. */
	travelled?: boolean;
};

/** The manifest rows of a visit. */
export async function visitManifest(
	database: DB,
	visitId: number,
	locale: Locale = 'en'
): Promise<ManifestRow[]> {
	const rows = await database
		.selectFrom('field_visit_signups as s')
		.innerJoin('registrations as r', 'r.id', 's.registration_id')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['s.id as signup_id', 's.status', 'r.reference', 'r.phone'])
		.select([...NAME_COLUMNS, ...DELEGATION_NAME_COLUMNS])
		.select(['r.dietary', 'r.dietary_notes', 'r.accessibility_needs'])
		.select(
			sql<boolean>`exists (select 1 from roll_calls c where c.visit_id = s.visit_id and c.registration_id = r.id and c.state = 'boarded')`.as(
				'travelled'
			)
		)
		.where('s.visit_id', '=', visitId)
		.where('s.status', 'in', ['confirmed', 'waitlisted'])
		.orderBy('d.sort_order')
		.orderBy('d.name')
		.orderBy('r.sort_name')
		.orderBy('r.id')
		.execute();
	const places = await waitlistPlaces(database, [visitId]);
	const manifest = rows.map((r): ManifestRow => ({
		reference: r.reference,
		name: manifestName(r),
		delegation: delegationOfRow(r, locale),
		phone: r.phone,
		dietary: dietaryDescription(r.dietary, r.dietary_notes, locale),
		accessibility: r.accessibility_needs,
		seat: r.status as 'confirmed' | 'waitlisted',
		waitlistPlace: places.get(r.signup_id) ?? null,
		travelled: r.travelled
	}));
	const confirmed = manifest.filter((r) => r.seat === 'confirmed');
	const waiting = manifest
		.filter((r) => r.seat === 'waitlisted')
		.sort((a, b) => (a.waitlistPlace ?? 0) - (b.waitlistPlace ?? 0));
	return [...confirmed, ...waiting];
}

/** "Confirmed" or "Waiting list 2", in a language. */
export function seatLabel(
	row: Pick<ManifestRow, 'seat' | 'waitlistPlace'>,
	locale: Locale = 'en'
): string {
	if (row.seat === 'confirmed') return m.vis_m_seat_confirmed({}, { locale });
	return m.vis_m_seat_waiting({ place: row.waitlistPlace ?? '' }, { locale }).trim();
}
