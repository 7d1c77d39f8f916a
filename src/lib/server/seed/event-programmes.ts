// Programmes of the demo events, as (day offset from the first day, start, end, title, location,
// description). Times are wall-clock times in the event's zone.

export type SeedItem = [
	day: number,
	start: string,
	end: string,
	title: string,
	location: string,
	description?: string,
	/** The same in Japanese (translations, 0250). */
	ja?: { title: string; location?: string; description?: string }
];

const HALL = 'Main Hall, 2F';
const HALL_JA = '2階 大会議室';

export const HLOM6_PROGRAMME: SeedItem[] = [
	[
		0,
		'09:00',
		'09:30',
		'Registration of participants',
		'Lobby, 2F',
		'',
		{ title: '受付', location: '2階 ロビー' }
	],
	[
		0,
		'09:30',
		'10:15',
		'Opening session',
		HALL,
		'Welcome remarks by the Ministry of Health, Labour and Welfare of Japan and by the chair; adoption of the agenda.',
		{
			title: '開会セッション',
			location: HALL_JA,
			description: '厚生労働省および議長による歓迎挨拶、議題の採択。'
		}
	],
	[
		0,
		'10:15',
		'10:30',
		'Group photo and coffee break',
		'Foyer',
		'',
		{ title: '記念撮影・休憩', location: 'ホワイエ' }
	],
	[
		0,
		'10:30',
		'12:30',
		'Country reports I: Brunei Darussalam, Cambodia, Indonesia, Lao PDR',
		HALL,
		'Each delegation presents its policies and services for older people living at home (15 minutes each, then questions).',
		{
			title: 'カントリーレポートI：ブルネイ、カンボジア、インドネシア、ラオス',
			location: HALL_JA,
			description:
				'各代表団が在宅高齢者のための政策とサービスを発表します（各15分、質疑応答あり）。'
		}
	],
	[
		0,
		'12:30',
		'14:00',
		'Lunch hosted by the Government of Japan',
		'Restaurant, 1F',
		'',
		{ title: '日本政府主催昼食会', location: '1階 レストラン' }
	],
	[
		0,
		'14:00',
		'15:45',
		'Country reports II: Malaysia, Myanmar, Philippines, Singapore',
		HALL,
		'',
		{
			title: 'カントリーレポートII：マレーシア、ミャンマー、フィリピン、シンガポール',
			location: HALL_JA
		}
	],
	[
		0,
		'16:00',
		'17:45',
		'Country reports III: Thailand, Timor-Leste, Viet Nam, Japan',
		HALL,
		'Timor-Leste reports for the first time as an ASEAN member state.',
		{
			title: 'カントリーレポートIII：タイ、東ティモール、ベトナム、日本',
			location: HALL_JA,
			description: '東ティモールがASEAN加盟国として初めて報告します。'
		}
	],
	[
		0,
		'18:30',
		'20:30',
		'Welcome reception',
		'Banquet room, 3F',
		'',
		{ title: '歓迎レセプション', location: '3階 宴会場' }
	],
	[
		1,
		'09:30',
		'12:00',
		'Session 1: Community-based care for older people',
		HALL,
		'Home-help services, day services and the role of neighbourhood volunteers. Case studies from Japan, Thailand and Viet Nam.',
		{
			title: 'セッション1：地域に根ざした高齢者ケア',
			location: HALL_JA,
			description: '訪問介護、デイサービスと地域ボランティアの役割。日本、タイ、ベトナムの事例。'
		}
	],
	[
		1,
		'13:15',
		'17:00',
		'Study visit: a community general support centre and a day-service facility',
		'Bus from the hotel lobby at 13:15',
		'Visit to a municipal community general support centre and a small multi-functional care home in Setagaya City, with an exchange with care managers.',
		{
			title: '視察：地域包括支援センターおよびデイサービス施設',
			location: '13:15 ホテルロビーからバスで出発',
			description:
				'世田谷区の地域包括支援センターと小規模多機能型居宅介護事業所を視察し、ケアマネジャーと意見交換を行います。'
		}
	],
	[
		2,
		'09:30',
		'11:30',
		'Session 2: Training and keeping care workers',
		HALL,
		'Qualifications, career paths and the movement of care workers within the region.',
		{
			title: 'セッション2：介護人材の育成と定着',
			location: HALL_JA,
			description: '資格、キャリアパス、域内における介護人材の移動。'
		}
	],
	[
		2,
		'11:45',
		'12:30',
		'Session 3: Regional cooperation on ageing',
		HALL,
		'Presentation by the ASEAN Secretariat on the ASEAN Centre for Active Ageing and Innovation.',
		{
			title: 'セッション3：高齢化に関する地域協力',
			location: HALL_JA,
			description:
				'ASEAN事務局による「ASEANアクティブ・エイジング・イノベーションセンター」の発表。'
		}
	],
	[
		2,
		'14:00',
		'15:30',
		'Drafting and adoption of the chair’s summary',
		HALL,
		'',
		{ title: '議長総括の起草・採択', location: HALL_JA }
	],
	[2, '15:30', '16:00', 'Closing session', HALL, '', { title: '閉会セッション', location: HALL_JA }]
];

export const HIVWS_PROGRAMME: SeedItem[] = [
	[0, '08:30', '09:00', 'Registration of participants', 'Conference foyer'],
	[
		0,
		'09:00',
		'10:00',
		'Opening ceremony',
		'Plenary hall',
		'Remarks by the Ministry of Health of the Kingdom of Cambodia and the Government of Japan.'
	],
	[
		0,
		'10:15',
		'12:00',
		'Keynote: HIV/AIDS in the ASEAN region today',
		'Plenary hall',
		'UNAIDS regional overview, followed by questions.'
	],
	[0, '13:30', '17:00', 'Country presentations: prevention, testing and treatment', 'Plenary hall'],
	[
		1,
		'09:00',
		'12:00',
		'Session: Preventing mother-to-child transmission',
		'Plenary hall',
		'WHO guidance and experience from Thailand and Cambodia.'
	],
	[
		1,
		'13:30',
		'17:00',
		'Session: Antiretroviral therapy in referral hospitals',
		'Plenary hall',
		'Follow-up of patients, drug supply and laboratory monitoring.'
	],
	[
		2,
		'07:45',
		'12:30',
		'Field inspection I: HIV/AIDS measures at a Phnom Penh referral hospital',
		'Bus from the hotel at 07:45',
		'The outpatient antiretroviral-therapy clinic, voluntary counselling and testing, and infection control on the wards.'
	],
	[
		2,
		'13:30',
		'17:00',
		'Field inspection II: a second referral hospital and a home-based care team',
		'Bus from the lunch venue at 13:30',
		'Paediatric HIV care and a community home-based care team in a Phnom Penh district.'
	],
	[3, '09:00', '12:00', 'Group work: lessons from the field inspections', 'Breakout rooms A–C'],
	[3, '13:30', '17:00', 'Group work: national action plans', 'Breakout rooms A–C'],
	[4, '09:00', '11:30', 'Presentation of the national action plans', 'Plenary hall'],
	[4, '11:30', '12:30', 'Evaluation and closing ceremony', 'Plenary hall']
];

export const HLOM5_PROGRAMME: SeedItem[] = [
	[0, '09:30', '10:15', 'Opening session', HALL],
	[0, '10:30', '17:00', 'Country reports: services for the elderly in communities', HALL],
	[
		1,
		'09:00',
		'16:30',
		'Study visit: home-care services in Tokyo',
		'Bus from the hotel lobby at 08:45'
	],
	[2, '09:30', '12:00', 'Discussion and chair’s summary', HALL],
	[2, '12:00', '12:30', 'Closing session', HALL]
];

export const LABOUR_PROGRAMME: SeedItem[] = [
	[0, '09:00', '09:30', 'Registration and orientation', 'Training Room A'],
	[0, '09:30', '12:00', 'Lecture: labour administration in Japan', 'Training Room A'],
	[0, '13:30', '16:30', 'Country presentations: labour inspection systems', 'Training Room A'],
	[1, '09:30', '12:00', 'Lecture: occupational safety and health', 'Training Room A'],
	[
		1,
		'13:30',
		'17:00',
		'Company visit: a manufacturing plant in Kawasaki',
		'Departure from the main entrance',
		'Safety management on the shop floor and labour-management consultation.'
	],
	[2, '09:30', '12:00', 'Lecture: employment services and vocational training', 'Training Room A'],
	[2, '13:30', '16:00', 'Action plans and closing', 'Training Room A']
];
