// The server's own zone must not leak into event times: this file runs as if in New York.
process.env.TZ = 'America/New_York';

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { insertProgrammeItems } from '../../src/lib/server/events/programme.repository.ts';
import { scheduleByDay } from '../../src/lib/server/events/programme-schedule.ts';
import { publicEventView } from '../../src/lib/server/events/public-event.service.ts';
import { makeEvent } from '../helpers/factories.ts';

const at = (iso: string) => new Date(iso);
const items = [
	// 09:00–10:30 Tokyo on 16 Feb = 19:00 on 15 Feb in New York.
	{ id: 1, starts_at: at('2027-02-16T00:00:00Z'), ends_at: at('2027-02-16T01:30:00Z') },
	// 08:00 Tokyo on 17 Feb = 18:00 on 16 Feb in New York: a different day in each zone.
	{ id: 2, starts_at: at('2027-02-16T23:00:00Z'), ends_at: at('2027-02-17T00:00:00Z') }
].map((i) => ({ ...i, title: `Item ${i.id}`, location: '', description: '' }));

describe('event times from a server in another zone', () => {
	it('really runs in New York', () => {
		expect(at('2027-02-16T00:00:00Z').getHours()).toBe(19);
	});

	it('groups a Tokyo programme by Tokyo days, with Tokyo times and label', () => {
		const days = scheduleByDay(items, 'Asia/Tokyo');
		expect(days.map((d) => [d.day, d.label, d.zone])).toEqual([
			['2027-02-16', 'Tue 16 Feb 2027', 'Tokyo time (UTC+9)'],
			['2027-02-17', 'Wed 17 Feb 2027', 'Tokyo time (UTC+9)']
		]);
		expect(days[0].items[0]).toMatchObject({ start: '09:00', end: '10:30' });
		expect(days[1].items[0]).toMatchObject({ start: '08:00', end: '09:00' });
	});

	it('shows the same in a freshly started Node process with TZ=America/New_York', () => {
		const script = `
			import { scheduleByDay } from './src/lib/server/events/programme-schedule.ts';
			const items = ${JSON.stringify(items)}.map((i) => ({ ...i, starts_at: new Date(i.starts_at), ends_at: new Date(i.ends_at) }));
			const days = scheduleByDay(items, 'Asia/Tokyo');
			console.log(JSON.stringify({ local: new Date(items[0].starts_at).getHours(), days: days.map((d) => [d.label, d.zone, d.items.map((i) => i.start)]) }));
		`;
		const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
			env: { ...process.env, TZ: 'America/New_York' },
			encoding: 'utf8'
		});
		expect(child.stderr).toBe('');
		expect(JSON.parse(child.stdout)).toEqual({
			local: 19,
			days: [
				['Tue 16 Feb 2027', 'Tokyo time (UTC+9)', ['09:00']],
				['Wed 17 Feb 2027', 'Tokyo time (UTC+9)', ['08:00']]
			]
		});
	});

	it('renders the public page model in Tokyo time', async () => {
		const event = await makeEvent({
			registration_mode: 'open',
			registration_opens_at: at('2099-01-01T00:00:00Z'),
			starts_on: '2099-02-16',
			ends_on: '2099-02-18'
		});
		await insertProgrammeItems(db(), [
			{
				event_id: event.id,
				starts_at: at('2099-02-16T00:00:00Z'),
				ends_at: at('2099-02-16T01:00:00Z'),
				title: 'Opening session'
			}
		]);
		const view = await publicEventView(event);
		expect(view.programmeZone).toBe('Tokyo time (UTC+9)');
		expect(view.programme[0].label).toBe('Mon 16 Feb 2099');
		expect(view.programme[0].items[0].start).toBe('09:00');
		expect(view.registration.label).toBe('Registration opens 1 Jan 2099, 09:00 Tokyo time (UTC+9)');
	});
});
