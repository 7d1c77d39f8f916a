import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { GET as csvGet } from '../../src/routes/admin/events/[slug]/exports/registrations.csv/+server.ts';
import { GET as xlsxGet } from '../../src/routes/admin/events/[slug]/exports/registrations.xlsx/+server.ts';
import { GET as participantsGet } from '../../src/routes/admin/events/[slug]/exports/participants.pdf/+server.ts';
import { GET as badgesGet } from '../../src/routes/admin/events/[slug]/exports/badges.pdf/+server.ts';
import { load as exportsLoad } from '../../src/routes/admin/events/[slug]/exports/+page.server.ts';
import { load as printableLoad } from '../../src/routes/admin/events/[slug]/exports/participants/+page.server.ts';
import { load as listLoad } from '../../src/routes/admin/events/[slug]/registrations/+page.server.ts';
import { addEventStaff, makeStaff } from '../helpers/factories.ts';
import { makeMeeting, type Meeting } from '../helpers/secretariat-fixture.ts';
import {
	ANONYMOUS,
	call,
	localsFor,
	staffRequest,
	statusOf,
	type Handler
} from '../helpers/request-event.ts';

// DESIGN §5: exports, documents and the attendee list are for the secretariat, organizers and
// administrators; every page load and file endpoint checks it itself.

let event: Meeting['event'];
let secretariat: App.Locals;
let organizer: App.Locals;

beforeAll(async () => {
	({ event, secretariat, organizer } = await makeMeeting());
});

describe('who may export', () => {
	const endpoints: Array<[string, Handler]> = [
		['exports/registrations.csv', csvGet],
		['exports/registrations.xlsx', xlsxGet],
		['exports/participants.pdf', participantsGet],
		['exports/badges.pdf', badgesGet],
		['exports', exportsLoad as unknown as Handler],
		['exports/participants', printableLoad as unknown as Handler],
		['registrations', listLoad as unknown as Handler]
	];

	it('refuses check-in staff, staff of other events and delegates (403), sends anonymous to sign in', async () => {
		const checkin = await makeStaff();
		await addEventStaff(event.id, checkin.id, 'checkin');
		const stranger = await makeStaff();
		const delegate = await db()
			.insertInto('users')
			.values({ email: 'delegate-export@example.org', display_name: 'A delegate' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const cases: Array<[App.Locals, number]> = [
			[await localsFor(checkin.id), 403],
			[await localsFor(stranger.id), 403],
			[await localsFor(delegate.id, 'email_link'), 403],
			[ANONYMOUS, 303]
		];
		for (const [path, handler] of endpoints) {
			for (const [locals, status] of cases) {
				expect(
					await statusOf(() => call(handler, staffRequest(locals, event.slug, path))),
					path
				).toBe(status);
			}
		}
	});

	it('lets the secretariat, organizers and administrators export', async () => {
		const admin = await localsFor((await makeStaff({ admin: true })).id);
		for (const [path, handler] of endpoints) {
			for (const locals of [secretariat, organizer, admin]) {
				expect(
					await statusOf(() => call(handler, staffRequest(locals, event.slug, path))),
					path
				).toBe(200);
			}
		}
	});
});
