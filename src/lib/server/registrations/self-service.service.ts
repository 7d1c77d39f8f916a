import { db } from '../db/database.ts';
import { listRegistrationsOfUser } from './self-service.repository.ts';

// The delegate's side: what /me lists for the signed-in person.

/** The signed-in person's own registrations, for /me. */
export function listOwnRegistrations(userId: number) {
	return listRegistrationsOfUser(db(), userId);
}
