import { describe, expect, it } from 'vitest';
import { ASEAN_PLUS_JAPAN, countryName } from '../../src/lib/countries.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	addAseanPlusJapan,
	addCountryDelegation,
	addOrganisationDelegation,
	moveDelegation,
	removeDelegation,
	setDelegationQuota
} from '../../src/lib/server/events/delegation.service.ts';
import { listDelegations, listProgramme } from '../../src/lib/server/events/event.repository.ts';
import {
	addProgrammeItem,
	editProgrammeItem,
	removeProgrammeItem
} from '../../src/lib/server/events/programme.service.ts';
import { formatTime } from '../../src/lib/time.ts';
import { domainError, eventWithPeople } from '../helpers/event-actors.ts';
import { makeRegistration } from '../helpers/factories.ts';

describe('delegations', () => {
	it('adds the ASEAN member states and Japan in one click, named as ASEAN writes them', async () => {
		const { event, organizer } = await eventWithPeople({ capacity: 60 });
		const { added, warning } = await addAseanPlusJapan(organizer, event.id, 4);
		expect(added).toBe(12);
		expect(warning).toBeNull();
		const list = await listDelegations(db(), event.id);
		expect(list.map((d) => d.code)).toEqual([...ASEAN_PLUS_JAPAN]);
		expect(list.map((d) => d.name)).toContain('Lao PDR');
		expect(list.map((d) => d.name)).toContain('Viet Nam');
		expect(list.map((d) => d.name)).toContain('Timor-Leste');
		expect(list.every((d) => d.kind === 'country' && d.country_code === d.code)).toBe(true);
		expect(list.every((d) => d.quota === 4 && d.name === countryName(d.code))).toBe(true);
		// A second click adds nothing and changes nothing.
		expect((await addAseanPlusJapan(organizer, event.id, 9)).added).toBe(0);
		expect((await listDelegations(db(), event.id)).every((d) => d.quota === 4)).toBe(true);
	});

	it('adds other countries and organisations, refusing duplicates beside the field', async () => {
		const { event, organizer } = await eventWithPeople();
		await addCountryDelegation(organizer, event.id, { country: 'KR', quota: 2 });
		const dupe = await domainError(
			addCountryDelegation(organizer, event.id, { country: 'KR', quota: null })
		);
		expect(dupe.field).toBe('country');
		await addOrganisationDelegation(organizer, event.id, {
			name: 'ASEAN Secretariat',
			code: 'ASEC',
			quota: 3
		});
		const sameCode = await domainError(
			addOrganisationDelegation(organizer, event.id, { name: 'Other', code: 'ASEC', quota: null })
		);
		expect(sameCode.field).toBe('code');
		const sameName = await domainError(
			addOrganisationDelegation(organizer, event.id, {
				name: 'asean secretariat',
				code: 'AS2',
				quota: null
			})
		);
		expect(sameName.field).toBe('name');
		const list = await listDelegations(db(), event.id);
		expect(list.map((d) => [d.code, d.name, d.kind])).toEqual([
			['KR', 'Republic of Korea', 'country'],
			['ASEC', 'ASEAN Secretariat', 'organisation']
		]);
	});

	it('warns (and allows) quotas above capacity; refuses a quota below the seats taken', async () => {
		const { event, organizer } = await eventWithPeople({ capacity: 10 });
		await addAseanPlusJapan(organizer, event.id);
		const [brunei, cambodia] = await listDelegations(db(), event.id);
		expect((await setDelegationQuota(organizer, event.id, brunei.id, 6)).warning).toBeNull();
		const { warning } = await setDelegationQuota(organizer, event.id, cambodia.id, 6);
		expect(warning).toMatch(/add up to 12, more than the capacity of 10/);
		expect((await listDelegations(db(), event.id))[1].quota).toBe(6);

		for (let i = 0; i < 3; i++) await makeRegistration(event, brunei);
		const below = await domainError(setDelegationQuota(organizer, event.id, brunei.id, 2));
		expect(below.field).toBe('quota');
		expect(below.message).toMatch(/already holds 3 seats/);
		await setDelegationQuota(organizer, event.id, brunei.id, 3);
		await setDelegationQuota(organizer, event.id, brunei.id, null);
	});

	it('removes a delegation only while nobody has registered with it', async () => {
		const { event, organizer } = await eventWithPeople();
		await addAseanPlusJapan(organizer, event.id);
		const [brunei, cambodia] = await listDelegations(db(), event.id);
		await makeRegistration(event, brunei, { status: 'cancelled' });
		const refused = await domainError(removeDelegation(organizer, event.id, brunei.id));
		expect(refused.message).toMatch(/people have registered/);
		await removeDelegation(organizer, event.id, cambodia.id);
		expect((await listDelegations(db(), event.id)).map((d) => d.code)).not.toContain('KH');
	});

	it('moves delegations up and down', async () => {
		const { event, organizer } = await eventWithPeople();
		await addAseanPlusJapan(organizer, event.id);
		const japan = (await listDelegations(db(), event.id)).at(-1)!;
		await moveDelegation(organizer, event.id, japan.id, 'up');
		const codes = (await listDelegations(db(), event.id)).map((d) => d.code);
		expect(codes.slice(-2)).toEqual(['JP', 'VN']);
		// Moving the first one up changes nothing.
		await moveDelegation(organizer, event.id, (await listDelegations(db(), event.id))[0].id, 'up');
		expect((await listDelegations(db(), event.id))[0].code).toBe('BN');
	});

	it('writes an audit entry for every change', async () => {
		const { event, organizer } = await eventWithPeople();
		await addAseanPlusJapan(organizer, event.id);
		const [brunei, cambodia] = await listDelegations(db(), event.id);
		await setDelegationQuota(organizer, event.id, brunei.id, 5);
		await moveDelegation(organizer, event.id, cambodia.id, 'up');
		await removeDelegation(organizer, event.id, brunei.id);
		const actions = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('event_id', '=', event.id)
			.orderBy('id')
			.execute();
		expect(actions.map((a) => a.action)).toEqual([
			'delegation.add',
			'delegation.quota',
			'delegation.move',
			'delegation.remove'
		]);
	});
});

describe('programme', () => {
	const item = {
		day: '2027-02-16',
		startTime: '09:00',
		endTime: '10:30',
		title: 'Opening session',
		location: 'Main Hall',
		description: ''
	};

	it('stores items typed in the event zone and edits and removes them', async () => {
		const { event, organizer } = await eventWithPeople();
		const id = await addProgrammeItem(organizer, event.id, item);
		let [stored] = await listProgramme(db(), event.id);
		expect(stored.starts_at.toISOString()).toBe('2027-02-16T00:00:00.000Z');
		await editProgrammeItem(organizer, event.id, id, { ...item, startTime: '09:30' });
		[stored] = await listProgramme(db(), event.id);
		expect(formatTime(stored.starts_at, 'Asia/Tokyo')).toBe('09:30');
		await removeProgrammeItem(organizer, event.id, id);
		expect(await listProgramme(db(), event.id)).toHaveLength(0);
	});

	it('refuses a day outside the event and an end before the start', async () => {
		const { event, organizer } = await eventWithPeople();
		const outside = await domainError(
			addProgrammeItem(organizer, event.id, { ...item, day: '2027-02-20' })
		);
		expect(outside.field).toBe('day');
		expect(outside.message).toMatch(/16–18 Feb 2027/);
		const backwards = await domainError(
			addProgrammeItem(organizer, event.id, { ...item, endTime: '08:00' })
		);
		expect(backwards.field).toBe('endTime');
		expect(await listProgramme(db(), event.id)).toHaveLength(0);
	});

	it('cannot touch another event’s item', async () => {
		const mine = await eventWithPeople();
		const theirs = await eventWithPeople();
		const id = await addProgrammeItem(theirs.organizer, theirs.event.id, item);
		const error = await domainError(removeProgrammeItem(mine.organizer, mine.event.id, id));
		expect(error.code).toBe('not_found');
		expect(await listProgramme(db(), theirs.event.id)).toHaveLength(1);
	});
});
