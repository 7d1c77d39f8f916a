import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { visitSchema } from '../../src/lib/schemas/visit.ts';
import type { VisitFormValues } from '../../src/lib/schemas/visit-form.ts';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTransport, type Transport } from '../../src/lib/server/mail/transport.ts';
import { deliverDue } from '../../src/lib/server/mail/worker.ts';
import { cancelVisit, updateVisit } from '../../src/lib/server/visits/visit-admin.service.ts';
import { parseVisitForm } from '../../src/lib/server/visits/visit-form.ts';
import { countSignups } from '../../src/lib/server/visits/visit.repository.ts';
import { signUp } from '../../src/lib/server/visits/visit.service.ts';
import {
	TZ,
	addVisit,
	confirmedDelegates,
	makeWorkshop,
	pp,
	savedInput
} from '../helpers/visits.ts';
import { staffActor } from '../helpers/event-actors.ts';

// A real SMTP peer: what people receive is read back from the wire.
const received: ParsedMail[] = [];
let server: SMTPServer;
let transport: Transport;

beforeAll(async () => {
	server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream).then(
				(mail) => {
					received.push(mail);
					callback();
				},
				(error: Error) => callback(error)
			);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.server.address() as { port: number };
	transport = createTransport(`smtp://127.0.0.1:${port}`);
});

afterAll(async () => {
	transport?.close();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	setNow(new Date('2027-01-10T00:00:00Z'));
	received.length = 0;
});

async function deliverAll() {
	while ((await deliverDue(db(), transport, 'Kaigi <no-reply@kaigi.test>')) > 0);
}

const to = (mail: ParsedMail) => JSON.stringify(mail.to);

const WINDOW = { timeZone: TZ, startsOn: '2027-02-15', endsOn: '2027-02-19' };

function form(overrides: Partial<VisitFormValues> = {}): VisitFormValues {
	return {
		version: '',
		title: 'Referral hospital visit',
		summary: '',
		meetingPoint: 'Hotel lobby',
		departsAt: '2027-02-16T08:00',
		returnsAt: '2027-02-16T13:00',
		transport: 'Bus A, 40 seats',
		seats: '20',
		eligibility: 'all',
		categories: [],
		stops: [
			{
				id: '',
				arrivesAt: '2027-02-16T09:00',
				leavesAt: '2027-02-16T11:00',
				place: 'Calmette Hospital',
				address: '',
				activity: '',
				hostContact: ''
			},
			{
				id: '',
				arrivesAt: '2027-02-16T11:30',
				leavesAt: '2027-02-16T12:30',
				place: 'NGO clinic',
				address: '',
				activity: '',
				hostContact: ''
			}
		],
		...overrides
	};
}

function errorsOf(values: VisitFormValues) {
	const result = parseVisitForm(values, WINDOW);
	return result.ok ? {} : result.errors;
}

describe('the organizer’s visit form', () => {
	it('reads times in the event’s zone', () => {
		const parsed = visitSchema(WINDOW).parse(form());
		expect(parsed.departsAt.toISOString()).toBe('2027-02-16T01:00:00.000Z');
		expect(parsed.stops[1].leavesAt.toISOString()).toBe('2027-02-16T05:30:00.000Z');
	});

	it('puts each planning problem beside its field', () => {
		const stops = form().stops;
		expect(errorsOf(form({ stops: [stops[1], stops[0]] }))['stops.1.arrivesAt']).toMatch(
			/Stops must be in time order: this one arrives before the previous stop \(NGO clinic\) ends at 12:30/
		);
		expect(
			errorsOf(form({ stops: [{ ...stops[0], arrivesAt: '2027-02-16T07:00' }] }))[
				'stops.0.arrivesAt'
			]
		).toBe("Arrival is outside the visit's times (08:00–13:00).");
		expect(
			errorsOf(form({ stops: [{ ...stops[0], leavesAt: '2027-02-16T08:30' }] }))['stops.0.leavesAt']
		).toBe('Leaving time must not be before the arrival time.');
		expect(
			errorsOf(form({ departsAt: '2027-02-20T08:00', returnsAt: '2027-02-20T13:00', stops: [] }))
				.departsAt
		).toBe('The visit must take place during the event (15–19 Feb 2027).');
		expect(errorsOf(form({ returnsAt: '2027-02-16T07:00', stops: [] })).returnsAt).toBe(
			'Return must be after departure.'
		);
		expect(errorsOf(form({ seats: 'many' })).seats).toBe('Seats must be a whole number');
		expect(errorsOf(form({ eligibility: 'chosen', categories: [] })).categories).toMatch(
			/Choose at least one category/
		);
		expect(errorsOf(form({ departsAt: '16/02/2027 8am' })).departsAt).toBe(
			'Departure: enter a date and time'
		);
		// Every problem at once, also when other fields are wrong too.
		expect(
			errorsOf(
				form({ seats: '', stops: [{ ...stops[0], place: '', arrivesAt: '2027-02-16T07:00' }] })
			)
		).toEqual({
			seats: 'Seats is required',
			'stops.0.place': 'Place is required',
			'stops.0.arrivesAt': "Arrival is outside the visit's times (08:00–13:00)."
		});
		expect(errorsOf(form())).toEqual({});
	});

	it('refuses fewer seats than those confirmed, and saves nothing', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 5 });
		for (const p of await confirmedDelegates(w, 3)) await signUp(p.id, visitId);
		const input = await savedInput(visitId);
		const before = await db()
			.selectFrom('field_visits')
			.selectAll()
			.where('id', '=', visitId)
			.executeTakeFirstOrThrow();

		const error = await updateVisit(staffActor(w.organizer), w.event, visitId, before.version, {
			...input,
			seats: 2,
			title: 'Renamed',
			meetingPoint: 'Embassy gate'
		}).then(
			() => undefined,
			(e: unknown) => e as DomainError
		);
		expect(error).toBeInstanceOf(DomainError);
		expect(error?.field).toBe('seats');
		expect(error?.message).toMatch(/3 seats are already confirmed/);
		const after = await db()
			.selectFrom('field_visits')
			.selectAll()
			.where('id', '=', visitId)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		expect(
			await db().selectFrom('emails').select('id').where('template', '=', 'visit-changed').execute()
		).toEqual([]);
	});

	it('refuses a save based on an older version', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w);
		const input = await savedInput(visitId);
		await updateVisit(staffActor(w.organizer), w.event, visitId, 1, { ...input, title: 'First' });
		const stale = await updateVisit(staffActor(w.organizer), w.event, visitId, 1, {
			...input,
			title: 'Second'
		}).then(
			() => undefined,
			(e: DomainError) => e
		);
		expect(stale?.code).toBe('stale');
	});
});

describe('changes reach people', () => {
	it('sends each confirmed participant one e-mail per save listing old → new in the event zone', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 2 });
		const [a, b, waiting] = await confirmedDelegates(w, 3);
		for (const p of [a, b, waiting]) await signUp(p.id, visitId);
		await deliverAll();
		received.length = 0;
		// b registered in Japanese: told in Japanese.
		await db()
			.updateTable('registrations')
			.set({ language: 'ja' })
			.where('id', '=', b.id)
			.execute();

		const input = await savedInput(visitId);
		const [hospital, clinic] = input.stops;
		const result = await updateVisit(staffActor(w.organizer), w.event, visitId, null, {
			...input,
			meetingPoint: 'Embassy gate',
			stops: [
				{ ...hospital, arrivesAt: pp('2027-02-16T09:30'), leavesAt: pp('2027-02-16T11:30') },
				{ ...clinic, arrivesAt: pp('2027-02-16T11:45') },
				{
					arrivesAt: pp('2027-02-16T12:45'),
					leavesAt: pp('2027-02-16T12:55'),
					place: 'Health centre',
					address: '',
					activity: '',
					hostContact: ''
				}
			]
		});
		expect(result).toMatchObject({ changed: true, version: 2, notified: 2 });
		await deliverAll();

		expect(received).toHaveLength(2);
		expect(received.some((m) => to(m).includes(waiting.email))).toBe(false);
		const mail = received.find((m) => to(m).includes(a.email))!;
		expect(mail.subject).toBe('Field visit changed: Referral hospital visit');
		expect(mail.messageId).toContain(`visit-changed-${visitId}-v2-r${a.id}`);
		const text = mail.text ?? '';
		expect(text).toContain('What changed (times in Phnom Penh time (UTC+7)):');
		expect(text).toContain('- Meeting point: Hotel lobby → Embassy gate');
		expect(text).toContain('- Stop “Calmette Hospital”: time: 09:00–11:00 → 09:30–11:30');
		expect(text).toContain('- Stop “NGO clinic”: time: 11:30–12:30 → 11:45–12:30');
		expect(text).toContain('- New stop: (none) → Health centre, 12:45–12:55');
		expect(text).not.toContain('Departure:');
		expect(mail.html).toContain('Embassy gate');
		const ja = received.find((m) => to(m).includes(b.email))!.text ?? '';
		expect(ja).toContain('- 集合場所: Hotel lobby → Embassy gate');
		expect(ja).toContain('- 訪問先「Calmette Hospital」の時間: 09:00–11:00 → 09:30–11:30');
		expect(ja).toContain('- 新しい訪問先: （なし） → Health centre、12:45–12:55');
		expect(ja).not.toMatch(/Meeting point|New stop|\(none\)/);

		// Saving again without changes tells no one; the next change is a new message.
		const same = await savedInput(visitId);
		expect((await updateVisit(staffActor(w.organizer), w.event, visitId, 2, same)).changed).toBe(
			false
		);
		await updateVisit(staffActor(w.organizer), w.event, visitId, 2, {
			...same,
			departsAt: pp('2027-02-16T07:45')
		});
		received.length = 0;
		await deliverAll();
		expect(received).toHaveLength(2);
		expect(received[0].text).toContain(
			'- Departure: Tue 16 Feb 2027, 08:00 → Tue 16 Feb 2027, 07:45'
		);
	});

	it('cancelling a visit frees the seats and tells everyone signed up', async () => {
		const w = await makeWorkshop();
		const visitId = await addVisit(w, { seats: 1 });
		const [a, b] = await confirmedDelegates(w, 2);
		await signUp(a.id, visitId);
		await signUp(b.id, visitId);
		await deliverAll();
		received.length = 0;

		expect(await cancelVisit(staffActor(w.organizer), w.event, visitId)).toEqual({ notified: 2 });
		expect(await cancelVisit(staffActor(w.organizer), w.event, visitId)).toEqual({ notified: 0 });
		await deliverAll();

		expect(received.map((m) => m.subject)).toEqual([
			'Field visit cancelled: Referral hospital visit',
			'Field visit cancelled: Referral hospital visit'
		]);
		const visit = await db()
			.selectFrom('field_visits')
			.selectAll()
			.where('id', '=', visitId)
			.executeTakeFirstOrThrow();
		expect(visit.status).toBe('cancelled');
		expect(visit.seats_taken).toBe(0);
		expect(await countSignups(db(), visitId)).toEqual({
			confirmed: 0,
			waitlisted: 0,
			cancelled: 2
		});
		const audit = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('entity_type', '=', 'field_visit')
			.where('entity_id', '=', String(visitId))
			.orderBy('id')
			.execute();
		expect(audit.map((r) => r.action)).toEqual(['visit.create', 'visit.cancel']);
	});
});
