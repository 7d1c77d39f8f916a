import type { Insertable } from 'kysely';
import { ASEAN_PLUS_JAPAN, countryName } from '../../countries.ts';
import { dayKey, fromZonedInput } from '../../time.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { DelegationsTable, EventsTable, StaffRole, Translations } from '../db/schema.ts';
import { isUniqueViolation } from '../errors.ts';
import { insertDelegations } from '../events/delegation.repository.ts';
import { insertEventStaff } from '../events/event-staff.repository.ts';
import { findEventBySlug, insertEvent } from '../events/event.repository.ts';
import { insertProgrammeItems } from '../events/programme.repository.ts';
import {
	HIVWS_PROGRAMME,
	HLOM5_PROGRAMME,
	HLOM6_PROGRAMME,
	LABOUR_PROGRAMME,
	type SeedItem
} from './event-programmes.ts';

// The demo events, with the real names and dates relative to the day of seeding, so every flow
// can be walked today (DESIGN §9). An event whose slug exists is left exactly as it is.

export const HLOM6_SLUG = 'hlom-6';
export const HIV_WORKSHOP_SLUG = 'hiv-aids-workshop';
export const HLOM5_SLUG = 'hlom-5';
export const LABOUR_TRAINING_SLUG = 'labour-leaders-training';
export const DEMO_EVENT_SLUGS = [
	HLOM6_SLUG,
	HIV_WORKSHOP_SLUG,
	HLOM5_SLUG,
	LABOUR_TRAINING_SLUG
] as const;

export type DemoStaffIds = { organizer: number; secretariat: number; checkin: number };

const SERIES = 'ASEAN and Japan High Level Officials Meeting on Caring Societies';

const HLOM_DESCRIPTION = (
	edition: string,
	theme: string
) => `The **${edition} ASEAN and Japan High Level Officials Meeting on Caring Societies** brings together senior social-security, welfare and health officials of the ASEAN member states and Japan. The meeting series has been held every year since 2003.

## Theme

${theme}

## Participants

- Senior officials of the ministries in charge of social welfare, health and labour of the ASEAN member states and Japan
- The ASEAN Secretariat
- Resource persons from Japanese local governments and care providers

Participation is **by invitation**: each delegation receives personal invitation links from the secretariat.

## Language

The meeting is held in English. Presentations are shared with participants after the meeting.`;

const HIV_DESCRIPTION = `The **ASEAN/Japan HIV/AIDS Workshop** is a five-day workshop for officials of national HIV/AIDS programmes and staff of referral hospitals in the ASEAN member states and Japan.

## What to expect

- Country presentations on prevention, testing and treatment
- Sessions with WHO and UNAIDS on mother-to-child transmission and antiretroviral therapy
- **Field inspections** of HIV/AIDS measures in Phnom Penh referral hospitals
- Group work on national action plans

## Who may apply

Officials and hospital staff nominated by their ministry of health. Registrations are reviewed by the organisers; you receive an e-mail once yours is confirmed.`;

const LABOUR_DESCRIPTION = `The **Training Program of Leaders in Labour Administration** invites administrators of labour ministries in Asia to Tokyo for lectures on Japan's labour administration and visits to companies.

Registration is **open**: apply with the form below and you receive a confirmation by e-mail at once while seats remain; after that you join the waiting list.`;

const HIV_DESCRIPTION_JA = `**ASEAN・日本 HIV/エイズ ワークショップ**は、ASEAN加盟国と日本の国家HIV/エイズ対策プログラムの担当官および中核病院の職員を対象とする5日間のワークショップです。

## 内容

- 予防・検査・治療に関するカントリーレポート
- WHO・UNAIDSによる母子感染と抗レトロウイルス療法に関するセッション
- プノンペンの中核病院における HIV/エイズ対策の**視察**
- 国別行動計画に関するグループワーク

## 応募資格

各国保健省から推薦された担当官および病院職員。参加登録は主催者が確認し、確定後にメールでお知らせします。`;

const LABOUR_DESCRIPTION_JA = `**労働行政幹部研修**は、アジア各国の労働省の行政官を東京に招き、日本の労働行政に関する講義と企業訪問を行う研修です。

参加登録は**どなたでも**お申し込みいただけます。下のフォームからお申し込みください。席に余裕がある間は直ちに確定のメールをお送りし、満席後はキャンセル待ちとなります。`;

const HLOM_DESCRIPTION_JA = (
	edition: string,
	theme: string
) => `**${edition} 思いやりのある社会に関する日ASEAN高級実務者会合**は、ASEAN加盟国と日本の社会保障・福祉・保健分野の高級実務者が一堂に会する会合です。本会合は2003年から毎年開催されています。

## テーマ

${theme}

## 参加者

- ASEAN加盟国および日本の社会福祉・保健・労働担当省庁の高級実務者
- ASEAN事務局
- 日本の地方自治体および介護事業者からの講師・有識者

参加は**招待制**です。各代表団には事務局から個別の招待リンクをお送りします。

## 言語

会合は英語で行います。発表資料は会合後に参加者へ共有します。`;

// The 6th meeting written in Japanese too (the Languages tab): a visitor reading Japanese sees it.
const HLOM6_JA = {
	title: '第6回 思いやりのある社会に関する日ASEAN高級実務者会合',
	series: '思いやりのある社会に関する日ASEAN高級実務者会合',
	venue: '三田共用会議所（東京都港区）',
	city: '東京',
	description_md: HLOM_DESCRIPTION_JA(
		'第6回',
		'**地域における高齢者サービス**：訪問介護、デイサービス、地域のボランティアにより、高齢者が住み慣れた地域で暮らし続けるための取組と、介護を担う人材の育成・定着について議論します。'
	),
	privacy_notice:
		'ご登録いただいた情報は、招待状、名札、参加者名簿、送迎および食事の手配など、本会議の運営のためにのみ利用します。旅券情報をご提供いただいた場合は、査証(ビザ)申請の支援のため主催国政府と共有します。情報は会議終了後180日で削除します。'
};

const PRIVACY = `Your details are used only to organise this event: invitations, badges, the List of Participants, transport and catering. They are shared with the host government for visa support where you provide passport details, and deleted 180 days after the event.`;

function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The first given weekday (0 = Sunday) on or after a day. */
function onOrAfter(day: string, weekday: number): string {
	const current = new Date(`${day}T00:00:00Z`).getUTCDay();
	return addDays(day, (weekday - current + 7) % 7);
}

type DemoEvent = {
	event: Omit<Insertable<EventsTable>, 'starts_on' | 'ends_on'>;
	startsOn: string;
	days: number;
	delegations: Array<{ code: string; name?: string; nameJa?: string; quota: number }>;
	programme: SeedItem[];
};

function countries(quota: number, overrides: Record<string, number> = {}) {
	return ASEAN_PLUS_JAPAN.map((code) => ({ code, quota: overrides[code] ?? quota }));
}

function demoEvents(at: Date): DemoEvent[] {
	const tokyoToday = dayKey(at, 'Asia/Tokyo');
	const pnhToday = dayKey(at, 'Asia/Phnom_Penh');
	const hlom6 = onOrAfter(addDays(tokyoToday, 91), 2);
	const hiv = onOrAfter(addDays(pnhToday, 42), 1);
	const hlom5 = onOrAfter(addDays(tokyoToday, -365), 2);
	const labour = onOrAfter(addDays(tokyoToday, 60), 3);
	const tokyo = (day: string, time: string) => fromZonedInput(`${day}T${time}`, 'Asia/Tokyo')!;
	const pnh = (day: string, time: string) => fromZonedInput(`${day}T${time}`, 'Asia/Phnom_Penh')!;
	const common = {
		venue: 'Mita Conference Hall, Minato City',
		city: 'Tokyo',
		country: 'JP',
		time_zone: 'Asia/Tokyo',
		privacy_notice: PRIVACY,
		host_placement: 'first' as const,
		organisations_placement: 'last' as const
	};
	return [
		{
			event: {
				...common,
				slug: HLOM6_SLUG,
				code: 'HLOM6',
				title: '6th ASEAN and Japan High Level Officials Meeting on Caring Societies',
				series: SERIES,
				edition: 6,
				translations: { ja: HLOM6_JA },
				kind: 'meeting',
				description_md: HLOM_DESCRIPTION(
					'6th',
					'**Services for the elderly in communities**: how home care, day services and neighbourhood volunteers let older people keep living where they belong, and how to train and keep the people who provide that care.'
				),
				contact_email: 'hlom-secretariat@kaigi.example',
				status: 'published',
				registration_mode: 'invitation',
				registration_opens_at: tokyo(addDays(tokyoToday, -3), '09:00'),
				registration_closes_at: tokyo(addDays(hlom6, -14), '17:00'),
				capacity: 60,
				collect_visa_support: true,
				published_at: at
			},
			startsOn: hlom6,
			days: 3,
			delegations: [
				...countries(4, { JP: 8 }),
				{ code: 'ASEC', name: 'ASEAN Secretariat', nameJa: 'ASEAN事務局', quota: 3 }
			],
			programme: HLOM6_PROGRAMME
		},
		{
			event: {
				slug: HIV_WORKSHOP_SLUG,
				code: 'HIVWS',
				title: 'ASEAN/Japan HIV/AIDS Workshop',
				translations: {
					ja: {
						title: 'ASEAN・日本 HIV/エイズ ワークショップ',
						venue: 'チャトモック会議場',
						city: 'プノンペン',
						description_md: HIV_DESCRIPTION_JA,
						privacy_notice: HLOM6_JA.privacy_notice
					}
				},
				series: null,
				edition: null,
				kind: 'workshop',
				venue: 'Chaktomuk Conference Hall',
				city: 'Phnom Penh',
				country: 'KH',
				time_zone: 'Asia/Phnom_Penh',
				description_md: HIV_DESCRIPTION,
				contact_email: 'hiv-workshop@kaigi.example',
				status: 'published',
				registration_mode: 'approval',
				registration_opens_at: pnh(addDays(pnhToday, -1), '09:00'),
				registration_closes_at: pnh(addDays(hiv, -7), '17:00'),
				capacity: 40,
				collect_visa_support: false,
				privacy_notice: PRIVACY,
				host_placement: 'first',
				organisations_placement: 'last',
				published_at: at
			},
			startsOn: hiv,
			days: 5,
			delegations: [
				...countries(3, { KH: 4, JP: 2 }),
				{ code: 'WHO', name: 'World Health Organization', nameJa: '世界保健機関（WHO）', quota: 2 },
				{ code: 'UNAIDS', name: 'UNAIDS', nameJa: '国連合同エイズ計画（UNAIDS）', quota: 2 }
			],
			programme: HIVWS_PROGRAMME
		},
		{
			event: {
				...common,
				slug: HLOM5_SLUG,
				code: 'HLOM5',
				title: '5th ASEAN and Japan High Level Officials Meeting on Caring Societies',
				translations: {
					ja: {
						title: '第5回 思いやりのある社会に関する日ASEAN高級実務者会合',
						series: '思いやりのある社会に関する日ASEAN高級実務者会合',
						venue: HLOM6_JA.venue,
						city: '東京',
						description_md: HLOM_DESCRIPTION_JA(
							'第5回',
							'**地域における高齢者サービス**：訪問介護サービス、地域の拠点施設とそれを支える人々について議論します。'
						),
						privacy_notice: HLOM6_JA.privacy_notice
					}
				},
				series: SERIES,
				edition: 5,
				kind: 'meeting',
				description_md: HLOM_DESCRIPTION(
					'5th',
					'**Services for the elderly in communities**: home-care services, community centres and the people who run them.'
				),
				contact_email: 'hlom-secretariat@kaigi.example',
				status: 'archived',
				// Kept two years (the default is 180 days), so the demo's past edition still shows
				// its logistics; the worker's retention purge would otherwise erase them at once.
				retention_days: 730,
				registration_mode: 'invitation',
				registration_opens_at: tokyo(addDays(hlom5, -90), '09:00'),
				registration_closes_at: tokyo(addDays(hlom5, -14), '17:00'),
				capacity: 60,
				collect_visa_support: true,
				published_at: tokyo(addDays(hlom5, -100), '10:00')
			},
			startsOn: hlom5,
			days: 3,
			delegations: [
				...countries(4, { JP: 8 }),
				{ code: 'ASEC', name: 'ASEAN Secretariat', nameJa: 'ASEAN事務局', quota: 3 }
			],
			programme: HLOM5_PROGRAMME
		},
		{
			event: {
				...common,
				venue: 'Kaigi Training Centre, Shinjuku',
				host_placement: 'alphabetical',
				slug: LABOUR_TRAINING_SLUG,
				code: 'TPLLA',
				title: 'Training Program of Leaders in Labour Administration',
				translations: {
					ja: {
						title: '労働行政幹部研修',
						venue: 'Kaigi研修センター（新宿）',
						city: '東京',
						description_md: LABOUR_DESCRIPTION_JA,
						privacy_notice: HLOM6_JA.privacy_notice
					}
				},
				series: null,
				edition: null,
				kind: 'training',
				description_md: LABOUR_DESCRIPTION,
				contact_email: 'labour-training@kaigi.example',
				status: 'published',
				registration_mode: 'open',
				registration_opens_at: tokyo(addDays(tokyoToday, -2), '09:00'),
				registration_closes_at: tokyo(addDays(labour, -10), '17:00'),
				capacity: 30,
				collect_visa_support: false,
				published_at: at
			},
			startsOn: labour,
			days: 3,
			delegations: [
				...countries(3),
				{
					code: 'ILO',
					name: 'International Labour Organization',
					nameJa: '国際労働機関（ILO）',
					quota: 2
				}
			],
			programme: LABOUR_PROGRAMME
		}
	];
}

async function seedOne(database: DB, demo: DemoEvent, staff: DemoStaffIds, at: Date) {
	await database.transaction().execute(async (trx) => {
		const event = await insertEvent(trx, {
			...demo.event,
			starts_on: demo.startsOn,
			ends_on: addDays(demo.startsOn, demo.days - 1),
			created_by: staff.organizer,
			created_at: at,
			updated_at: at
		});
		const roles: Array<[number, StaffRole]> = [
			[staff.organizer, 'organizer'],
			[staff.secretariat, 'secretariat'],
			[staff.checkin, 'checkin']
		];
		for (const [userId, role] of roles) await insertEventStaff(trx, event.id, userId, role);
		const delegations: Insertable<DelegationsTable>[] = demo.delegations.map((d, i) => ({
			event_id: event.id,
			kind: d.name ? 'organisation' : 'country',
			country_code: d.name ? null : d.code,
			code: d.code,
			name: d.name ?? countryName(d.code),
			quota: d.quota,
			sort_order: i,
			// A country's delegation reads as the country's name in each language by itself.
			translations: (d.nameJa ? { ja: { name: d.nameJa } } : {}) as Translations
		}));
		await insertDelegations(trx, delegations);
		await insertProgrammeItems(
			trx,
			demo.programme.map(([day, start, end, title, location, description, ja]) => {
				const date = addDays(demo.startsOn, day);
				return {
					event_id: event.id,
					starts_at: fromZonedInput(`${date}T${start}`, event.time_zone)!,
					ends_at: fromZonedInput(`${date}T${end}`, event.time_zone)!,
					title,
					location,
					description: description ?? '',
					translations: (ja ? { ja } : {}) as Translations
				};
			})
		);
		await writeAudit(trx, {
			actorUserId: null,
			action: 'event.seed',
			entityType: 'event',
			entityId: event.id,
			eventId: event.id,
			diff: { slug: event.slug, code: event.code }
		});
	});
}

/** Creates the demo events with their staff, delegations and programme (idempotent). */
export async function seedDemoEvents(database: DB, staff: DemoStaffIds): Promise<string[]> {
	const at = now();
	const created: string[] = [];
	for (const demo of demoEvents(at)) {
		if (await findEventBySlug(database, demo.event.slug)) continue;
		try {
			await seedOne(database, demo, staff, at);
			created.push(demo.event.slug);
		} catch (error) {
			// Another process seeding at the same moment got there first.
			if (!isUniqueViolation(error)) throw error;
		}
	}
	return created;
}
