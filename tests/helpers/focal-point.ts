import { db } from '../../src/lib/server/db/database.ts';
import { focalPointFor } from '../../src/lib/server/delegations/delegation-page.service.ts';
import {
	addFocalPoint,
	newFocalPointLink
} from '../../src/lib/server/delegations/focal-point.service.ts';
import type { Actor } from './event-actors.ts';
import { localsFor } from './request-event.ts';

// A delegation's focal point as the organizer adds them, signed in from their link: the token of
// their delegation page and the locals of their e-mail-link session.

export async function signedInFocalPoint(
	organizer: Actor,
	eventId: number,
	delegationId: number,
	email: string
): Promise<{ token: string; userId: number; locals: App.Locals }> {
	const fp = await addFocalPoint(organizer, eventId, delegationId, {
		name: 'Focal Point',
		email,
		organisation: undefined,
		phone: undefined
	});
	const token = (await newFocalPointLink(db(), fp.id, null, new Date())).split('/delegations/')[1];
	const { user_id: userId } = await db()
		.selectFrom('focal_points')
		.select('user_id')
		.where('id', '=', fp.id)
		.executeTakeFirstOrThrow();
	await focalPointFor(token, userId);
	return { token, userId, locals: await localsFor(userId, 'email_link') };
}
