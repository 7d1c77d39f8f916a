import { db } from '../db/database.ts';
import { waitlistPositions } from './waitlist.repository.ts';

/** A registration's place on its event's wait-list (1 = next in line); null when not on it. */
export async function waitlistPosition(registration: {
	id: number;
	event_id: number;
	status: string;
}): Promise<number | null> {
	if (registration.status !== 'waitlisted') return null;
	const positions = await waitlistPositions(db(), registration.event_id, [registration.id]);
	return positions.get(registration.id) ?? null;
}
