import { db } from '../../src/lib/server/db/database.ts';
import { encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from './factories.ts';
import { localsFor } from './request-event.ts';

// A meeting in Tokyo with what the secretariat's files must get right: Vietnamese names, a
// head of delegation per country, a host country and an organisation placed last, a registrant
// named like a spreadsheet formula, a phone number with a plus sign, passport data, and people
// who must not appear in the List of Participants (pending, cancelled).

export type Meeting = {
	event: Awaited<ReturnType<typeof makeEvent>>;
	secretariat: App.Locals;
	organizer: App.Locals;
};

/** Creates the meeting with its staff, delegations and registrations. */
export async function makeMeeting(): Promise<Meeting> {
	const event = await makeEvent({
		title: '6th ASEAN and Japan High Level Officials Meeting on Caring Societies',
		collect_visa_support: true
	});
	await db()
		.updateTable('events')
		.set({ host_placement: 'last', organisations_placement: 'last', venue: 'Mita Conference Hall' })
		.where('id', '=', event.id)
		.execute();
	const staff = await makeStaff();
	await addEventStaff(event.id, staff.id, 'secretariat');
	const secretariat = await localsFor(staff.id);
	const boss = await makeStaff();
	await addEventStaff(event.id, boss.id, 'organizer');
	const organizer = await localsFor(boss.id);

	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const jp = await makeDelegation(event.id, 'JP', { name: 'Japan' });
	const kh = await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
	const id = await makeDelegation(event.id, 'ID', { name: 'Indonesia' });
	const asec = await makeDelegation(event.id, 'ASEC', {
		name: 'ASEAN Secretariat',
		kind: 'organisation'
	});
	await makeDelegation(event.id, 'LA', { name: 'Lao PDR' });

	const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 0, minute));
	const khai = await makeRegistration(event, vn, {
		family_name: 'Nguyễn',
		given_name: 'Thị Minh Khai',
		honorific: 'Ms.',
		category: 'head_of_delegation',
		position: 'Director-General, Department of Social Protection',
		organisation: 'Ministry of Labour, Invalids and Social Affairs',
		email: 'khai.nguyen@molisa.example',
		consent_email_in_list: true,
		created_at: at(1)
	});
	await db()
		.updateTable('registrations')
		.set({
			badge_name: 'Nguyễn Thị Minh Khai',
			visa_data_enc: encryptVisaData({
				passportNumber: 'C1234567',
				passportExpiry: '2030-01-31',
				dateOfBirth: '1975-05-12'
			})
		})
		.where('id', '=', khai.id)
		.execute();
	await makeRegistration(event, vn, {
		family_name: 'Trần',
		given_name: 'Văn An',
		honorific: 'Mr.',
		email: 'an.tran@molisa.example',
		created_at: at(2)
	});
	await makeRegistration(event, vn, {
		family_name: 'Lê',
		given_name: 'Hoàng',
		status: 'pending',
		created_at: at(3)
	});
	await makeRegistration(event, th, {
		family_name: 'Wongsakul',
		given_name: 'Somchai',
		honorific: 'Mr.',
		phone: '+66 2 123 4567',
		arrival_at: new Date('2027-02-15T06:30:00Z'),
		arrival_flight: 'TG 682',
		dietary: 'halal',
		created_at: at(4)
	});
	await makeRegistration(event, th, {
		family_name: 'Arun',
		given_name: 'Siriporn',
		honorific: 'Ms.',
		category: 'head_of_delegation',
		created_at: at(5)
	});
	await makeRegistration(event, kh, {
		family_name: '=HYPERLINK("http://x")',
		given_name: null,
		honorific: null,
		organisation: '@SUM(A1)',
		position: '-1+2',
		created_at: at(6)
	});
	await makeRegistration(event, jp, {
		family_name: 'Tanaka',
		given_name: 'Hiroshi',
		honorific: 'Mr.',
		category: 'head_of_delegation',
		created_at: at(7)
	});
	await makeRegistration(event, jp, {
		family_name: 'Suzuki',
		given_name: 'Yuki',
		status: 'cancelled',
		created_at: at(8)
	});
	await makeRegistration(event, asec, {
		family_name: 'Rahman',
		given_name: 'Farah',
		honorific: 'Dr.',
		category: 'resource_person',
		created_at: at(9)
	});
	await makeRegistration(event, id, {
		family_name: 'Sukarno',
		given_name: null,
		honorific: 'Mr.',
		created_at: at(10)
	});
	return { event, secretariat, organizer };
}

/** The rows as the database has them, ordered by reference, for the basic preset. */
export async function databaseRows(eventId: number) {
	return db()
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.selectAll('r')
		.select('d.name as delegation')
		.where('r.event_id', '=', eventId)
		.orderBy('r.reference')
		.execute();
}

/** Minutes in Tokyo as "YYYY-MM-DD HH:mm", independently of the code under test. */
export const tokyo = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Asia/Tokyo',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});
