import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { setNow } from '../../src/lib/server/clock.ts';
import * as nomineePage from '../../src/routes/delegations/[token]/register/+page.server.ts';
import * as editPage from '../../src/routes/me/registrations/[reference]/edit/+page.server.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { makeRegistration } from '../helpers/factories.ts';
import { signedInFocalPoint } from '../helpers/focal-point.ts';
import { localsFor, outcomeIn, type Locals } from '../helpers/request-event.ts';
import { makeWorkshop, writePrivacyNoticeInTwoLanguages } from '../helpers/visits.ts';

// The forms a focal point and a delegate fill in speak the reader's language for what the
// organizer wrote in two: the delegation a focal point registers a nominee into, and the privacy
// notice beside a delegate's own corrections. An English reader keeps the English.

let w: Awaited<ReturnType<typeof makeWorkshop>>;
let focal: { token: string; locals: Locals };
let delegate: { reference: string; locals: Locals };

beforeAll(async () => {
	setNow(new Date('2027-01-10T00:00:00Z'));
	w = await makeWorkshop();
	await writePrivacyNoticeInTwoLanguages(w.event.id);
	focal = await signedInFocalPoint(
		staffActor(w.organizer),
		w.event.id,
		w.delegation.id,
		'focal-point-kh@example.org'
	);
	const person = await makeRegistration(w.event, w.delegation);
	delegate = { reference: person.reference, locals: await localsFor(person.user_id, 'email_link') };
});

/** A page's data as its reader gets it in a language. */
async function dataOf(
	locale: Locale,
	load: (event: never) => unknown,
	locals: Locals,
	path: string,
	params: Record<string, string>
): Promise<Record<string, unknown>> {
	const result = await outcomeIn(locale, load, { locals, path, params });
	expect(result.kind).toBe('data');
	return result.data as Record<string, unknown>;
}

describe('a focal point’s form for a nominee', () => {
	const nominee = (locale: Locale) =>
		dataOf(locale, nomineePage.load, focal.locals, `/delegations/${focal.token}/register`, {
			token: focal.token
		});

	it('names their delegation in Japanese for a Japanese reader', async () => {
		const data = await nominee('ja');
		expect(data.delegation).toMatchObject({ name: 'カンボジア' });
		expect(data.delegations).toEqual([{ id: w.delegation.id, name: 'カンボジア' }]);
	});

	it('and in English for an English one', async () => {
		const data = await nominee('en');
		expect(data.delegations).toEqual([{ id: w.delegation.id, name: 'Cambodia' }]);
	});
});

describe('a delegate’s own corrections', () => {
	const edit = (locale: Locale) =>
		dataOf(locale, editPage.load, delegate.locals, `/me/registrations/${delegate.reference}/edit`, {
			reference: delegate.reference
		});

	it('show the privacy notice in the reader’s language, falling back to English', async () => {
		expect((await edit('ja')).event).toMatchObject({
			privacyNotice: 'ご登録の情報は本ワークショップの運営にのみ利用します。'
		});
		expect((await edit('en')).event).toMatchObject({
			privacyNotice: 'Your details are used only to organise this workshop.'
		});
	});
});
