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

const PLENARY = 'Plenary hall';
const PLENARY_JA = '全体会議場';
const BREAKOUT = 'Breakout rooms A–C';
const BREAKOUT_JA = '分科会室A～C';

export const HIVWS_PROGRAMME: SeedItem[] = [
	[
		0,
		'08:30',
		'09:00',
		'Registration of participants',
		'Conference foyer',
		'',
		{ title: '受付', location: '会議場ホワイエ' }
	],
	[
		0,
		'09:00',
		'10:00',
		'Opening ceremony',
		PLENARY,
		'Remarks by the Ministry of Health of the Kingdom of Cambodia and the Government of Japan.',
		{
			title: '開会式',
			location: PLENARY_JA,
			description: 'カンボジア王国保健省および日本国政府による挨拶。'
		}
	],
	[
		0,
		'10:15',
		'12:00',
		'Keynote: HIV/AIDS in the ASEAN region today',
		PLENARY,
		'UNAIDS regional overview, followed by questions.',
		{
			title: '基調講演：ASEAN地域におけるHIV/エイズの現状',
			location: PLENARY_JA,
			description: 'UNAIDSによる地域の概況説明と質疑応答。'
		}
	],
	[
		0,
		'13:30',
		'17:00',
		'Country presentations: prevention, testing and treatment',
		PLENARY,
		'',
		{ title: 'カントリーレポート：予防・検査・治療', location: PLENARY_JA }
	],
	[
		1,
		'09:00',
		'12:00',
		'Session: Preventing mother-to-child transmission',
		PLENARY,
		'WHO guidance and experience from Thailand and Cambodia.',
		{
			title: 'セッション：母子感染の予防',
			location: PLENARY_JA,
			description: 'WHOの指針と、タイ・カンボジアの経験。'
		}
	],
	[
		1,
		'13:30',
		'17:00',
		'Session: Antiretroviral therapy in referral hospitals',
		PLENARY,
		'Follow-up of patients, drug supply and laboratory monitoring.',
		{
			title: 'セッション：中核病院における抗レトロウイルス療法',
			location: PLENARY_JA,
			description: '患者のフォローアップ、医薬品の供給、検査によるモニタリング。'
		}
	],
	[
		2,
		'07:45',
		'12:30',
		'Field inspection I: HIV/AIDS measures at a Phnom Penh referral hospital',
		'Bus from the hotel at 07:45',
		'The outpatient antiretroviral-therapy clinic, voluntary counselling and testing, and infection control on the wards.',
		{
			title: '視察I：プノンペンの中核病院におけるHIV/エイズ対策',
			location: 'ホテルから7時45分発のバス',
			description:
				'外来の抗レトロウイルス療法クリニック、自発的カウンセリング・検査、病棟の感染管理。'
		}
	],
	[
		2,
		'13:30',
		'17:00',
		'Field inspection II: a second referral hospital and a home-based care team',
		'Bus from the lunch venue at 13:30',
		'Paediatric HIV care and a community home-based care team in a Phnom Penh district.',
		{
			title: '視察II：もう一つの中核病院と在宅ケアチーム',
			location: '昼食会場から13時30分発のバス',
			description: '小児のHIVケアと、プノンペン市内の地域在宅ケアチーム。'
		}
	],
	[
		3,
		'09:00',
		'12:00',
		'Group work: lessons from the field inspections',
		BREAKOUT,
		'',
		{ title: 'グループワーク：視察から得た教訓', location: BREAKOUT_JA }
	],
	[
		3,
		'13:30',
		'17:00',
		'Group work: national action plans',
		BREAKOUT,
		'',
		{ title: 'グループワーク：国別行動計画', location: BREAKOUT_JA }
	],
	[
		4,
		'09:00',
		'11:30',
		'Presentation of the national action plans',
		PLENARY,
		'',
		{ title: '国別行動計画の発表', location: PLENARY_JA }
	],
	[
		4,
		'11:30',
		'12:30',
		'Evaluation and closing ceremony',
		PLENARY,
		'',
		{ title: '評価と閉会式', location: PLENARY_JA }
	]
];

export const HLOM5_PROGRAMME: SeedItem[] = [
	[
		0,
		'09:30',
		'10:15',
		'Opening session',
		HALL,
		'',
		{ title: '開会セッション', location: HALL_JA }
	],
	[
		0,
		'10:30',
		'17:00',
		'Country reports: services for the elderly in communities',
		HALL,
		'',
		{ title: 'カントリーレポート：地域における高齢者サービス', location: HALL_JA }
	],
	[
		1,
		'09:00',
		'16:30',
		'Study visit: home-care services in Tokyo',
		'Bus from the hotel lobby at 08:45',
		'',
		{ title: '視察：東京の訪問介護サービス', location: 'ホテルロビーから8時45分発のバス' }
	],
	[
		2,
		'09:30',
		'12:00',
		'Discussion and chair’s summary',
		HALL,
		'',
		{ title: '討議と議長総括', location: HALL_JA }
	],
	[2, '12:00', '12:30', 'Closing session', HALL, '', { title: '閉会セッション', location: HALL_JA }]
];

const ROOM_A = 'Training Room A';
const ROOM_A_JA = '研修室A';

export const LABOUR_PROGRAMME: SeedItem[] = [
	[
		0,
		'09:00',
		'09:30',
		'Registration and orientation',
		ROOM_A,
		'',
		{ title: '受付・オリエンテーション', location: ROOM_A_JA }
	],
	[
		0,
		'09:30',
		'12:00',
		'Lecture: labour administration in Japan',
		ROOM_A,
		'',
		{ title: '講義：日本の労働行政', location: ROOM_A_JA }
	],
	[
		0,
		'13:30',
		'16:30',
		'Country presentations: labour inspection systems',
		ROOM_A,
		'',
		{ title: 'カントリーレポート：労働監督制度', location: ROOM_A_JA }
	],
	[
		1,
		'09:30',
		'12:00',
		'Lecture: occupational safety and health',
		ROOM_A,
		'',
		{ title: '講義：労働安全衛生', location: ROOM_A_JA }
	],
	[
		1,
		'13:30',
		'17:00',
		'Company visit: a manufacturing plant in Kawasaki',
		'Departure from the main entrance',
		'Safety management on the shop floor and labour-management consultation.',
		{
			title: '企業訪問：川崎市の製造工場',
			location: '正面玄関より出発',
			description: '現場の安全管理と労使協議。'
		}
	],
	[
		2,
		'09:30',
		'12:00',
		'Lecture: employment services and vocational training',
		ROOM_A,
		'',
		{ title: '講義：職業紹介と職業訓練', location: ROOM_A_JA }
	],
	[
		2,
		'13:30',
		'16:00',
		'Action plans and closing',
		ROOM_A,
		'',
		{ title: '行動計画の作成と閉講', location: ROOM_A_JA }
	]
];
