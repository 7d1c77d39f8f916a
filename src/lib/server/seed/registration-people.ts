import type { Category, Dietary, RegistrationStatus } from '../db/schema.ts';

// Demo delegates of the seeded events: ASEAN and Japanese officials with names as they write
// them (one-name Indonesian and Myanmar officials; Khmer and Vietnamese family names first).
// Addresses are on example domains: seeded data never sends mail.

/** [days from the event's first day, 'HH:mm' in the event zone, flight, airport]. */
export type Leg = [number, string, string, string];

export type DemoPerson = {
	delegation: string;
	status: RegistrationStatus;
	category?: Category;
	honorific: string;
	given: string | null;
	family: string;
	native?: string;
	position: string;
	organisation: string;
	email: string;
	phone: string;
	nationality: string;
	dietary?: Dietary;
	dietaryNotes?: string;
	access?: string;
	arrive?: Leg;
	depart?: Leg;
	hotel?: string;
	declineReason?: string;
	emailInList?: boolean;
};

const MSDHS = 'Ministry of Social Development and Human Security';
const MOLISA = 'Ministry of Labour, Invalids and Social Affairs';
const MHLW = 'Ministry of Health, Labour and Welfare';
const TOKYO_HOTEL = 'Hotel Gajoen Tokyo';
const PNH_HOTEL = 'Sokha Phnom Penh Hotel';

// One line per person, like a table.
// prettier-ignore
export const HLOM6_PEOPLE: DemoPerson[] = [
	{ delegation: 'TH', status: 'confirmed', category: 'head_of_delegation', honorific: 'Ms.', given: 'Ratana', family: 'Wongsuwan', native: 'รัตนา วงศ์สุวรรณ', position: 'Deputy Permanent Secretary', organisation: MSDHS, email: 'ratana.w@msdhs.example', phone: '+66 2 659 6200', nationality: 'TH', arrive: [-1, '15:45', 'TG 682', 'Haneda (HND)'], depart: [3, '11:00', 'TG 683', 'Haneda (HND)'], hotel: TOKYO_HOTEL, emailInList: true },
	{ delegation: 'TH', status: 'confirmed', honorific: 'Mr.', given: 'Anan', family: 'Charoenkul', native: 'อนันต์ เจริญกุล', position: 'Director, Bureau of Elderly Affairs', organisation: MSDHS, email: 'anan.c@msdhs.example', phone: '+66 81 234 5678', nationality: 'TH', arrive: [-1, '15:45', 'TG 682', 'Haneda (HND)'], depart: [3, '11:00', 'TG 683', 'Haneda (HND)'], hotel: TOKYO_HOTEL },
	{ delegation: 'VN', status: 'confirmed', category: 'head_of_delegation', honorific: 'Ms.', given: 'Thị Minh Khai', family: 'Nguyễn', position: 'Director-General, Social Protection Department', organisation: MOLISA, email: 'minhkhai.nguyen@molisa.example', phone: '+84 24 3826 9534', nationality: 'VN', arrive: [-1, '07:05', 'VN 384', 'Narita (NRT)'], depart: [3, '10:30', 'VN 385', 'Narita (NRT)'], hotel: TOKYO_HOTEL, emailInList: true },
	{ delegation: 'VN', status: 'confirmed', honorific: 'Mr.', given: 'Văn Hùng', family: 'Trần', position: 'Deputy Director, Department of Social Assistance', organisation: MOLISA, email: 'hung.tran@molisa.example', phone: '+84 91 234 5678', nationality: 'VN', dietary: 'vegetarian', arrive: [-1, '07:05', 'VN 384', 'Narita (NRT)'], depart: [3, '10:30', 'VN 385', 'Narita (NRT)'], hotel: TOKYO_HOTEL },
	{ delegation: 'VN', status: 'cancelled', honorific: 'Ms.', given: 'Thị Thu Hà', family: 'Lê', position: 'Official, International Cooperation Department', organisation: MOLISA, email: 'thuha.le@molisa.example', phone: '+84 90 111 2233', nationality: 'VN' },
	{ delegation: 'ID', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: null, family: 'Sumarsono', position: 'Director General of Social Rehabilitation', organisation: 'Ministry of Social Affairs', email: 'sumarsono@kemensos.example', phone: '+62 21 310 3591', nationality: 'ID', dietary: 'halal', arrive: [-1, '08:20', 'GA 874', 'Haneda (HND)'], depart: [3, '11:35', 'GA 875', 'Haneda (HND)'], hotel: TOKYO_HOTEL },
	{ delegation: 'ID', status: 'confirmed', honorific: 'Ms.', given: null, family: 'Wahyuningsih', position: 'Head, Sub-directorate for Older Persons', organisation: 'Ministry of Social Affairs', email: 'wahyuningsih@kemensos.example', phone: '+62 812 3456 7890', nationality: 'ID', dietary: 'halal', arrive: [-1, '08:20', 'GA 874', 'Haneda (HND)'], depart: [3, '11:35', 'GA 875', 'Haneda (HND)'], hotel: TOKYO_HOTEL },
	{ delegation: 'MM', status: 'confirmed', category: 'head_of_delegation', honorific: 'Dr.', given: null, family: 'Khin Maung Win', native: 'ခင်မောင်ဝင်း', position: 'Director General, Department of Social Welfare', organisation: 'Ministry of Social Welfare, Relief and Resettlement', email: 'khinmaungwin@msw.example', phone: '+95 67 340 4111', nationality: 'MM', arrive: [-1, '06:50', 'NH 814', 'Narita (NRT)'], depart: [3, '11:00', 'NH 813', 'Narita (NRT)'] },
	{ delegation: 'MY', status: 'confirmed', category: 'head_of_delegation', honorific: 'Datin', given: null, family: 'Siti Aminah binti Abdullah', position: 'Deputy Secretary-General (Policy)', organisation: 'Ministry of Women, Family and Community Development', email: 'siti.aminah@kpwkm.example', phone: '+60 3 8323 1000', nationality: 'MY', dietary: 'halal', arrive: [-1, '07:30', 'MH 88', 'Haneda (HND)'], depart: [3, '10:30', 'MH 89', 'Haneda (HND)'], hotel: TOKYO_HOTEL },
	{ delegation: 'PH', status: 'confirmed', category: 'head_of_delegation', honorific: 'Ms.', given: 'Maria Luisa', family: 'Santos', position: 'Undersecretary for Operations', organisation: 'Department of Social Welfare and Development', email: 'mlsantos@dswd.example', phone: '+63 2 8931 8101', nationality: 'PH', arrive: [-1, '14:10', 'PR 422', 'Haneda (HND)'], depart: [3, '09:55', 'PR 421', 'Haneda (HND)'], hotel: TOKYO_HOTEL },
	{ delegation: 'KH', status: 'confirmed', category: 'head_of_delegation', honorific: 'H.E.', given: 'Chenda', family: 'Sok', native: 'សុខ ចិន្តា', position: 'Secretary of State', organisation: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation', email: 'sok.chenda@mosvy.example', phone: '+855 23 726 086', nationality: 'KH', arrive: [-1, '06:45', 'NH 818', 'Narita (NRT)'], depart: [3, '10:40', 'NH 817', 'Narita (NRT)'], hotel: TOKYO_HOTEL },
	{ delegation: 'LA', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: 'Khamphone', family: 'Phommavong', native: 'ຄຳພອນ ພົມມະວົງ', position: 'Director General, Department of Social Welfare', organisation: 'Ministry of Labour and Social Welfare', email: 'khamphone.p@molsw.example', phone: '+856 21 213 003', nationality: 'LA', arrive: [-2, '22:15', 'TG 682', 'Haneda (HND)'], depart: [3, '11:00', 'TG 683', 'Haneda (HND)'] },
	{ delegation: 'BN', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: null, family: 'Mohd Rizal bin Haji Ahmad', position: 'Director of Community Development', organisation: 'Ministry of Culture, Youth and Sports', email: 'rizal.ahmad@kkbs.example', phone: '+673 238 0911', nationality: 'BN', dietary: 'halal', arrive: [-1, '17:20', 'BI 691', 'Narita (NRT)'], depart: [3, '13:05', 'BI 692', 'Narita (NRT)'] },
	{ delegation: 'SG', status: 'confirmed', category: 'head_of_delegation', honorific: 'Ms.', given: 'Mei Ling', family: 'Tan', native: '陈美玲', position: 'Director, Seniors Group', organisation: 'Ministry of Social and Family Development', email: 'tan_mei_ling@msf.example', phone: '+65 6355 2000', nationality: 'SG', arrive: [-1, '07:30', 'SQ 636', 'Haneda (HND)'], depart: [3, '11:35', 'SQ 633', 'Haneda (HND)'] },
	{ delegation: 'TL', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: 'José', family: 'da Costa Ximenes', position: 'Director-General for Social Inclusion', organisation: 'Ministry of Social Solidarity and Inclusion', email: 'jose.ximenes@mssi.example', phone: '+670 333 1234', nationality: 'TL', arrive: [-2, '18:40', 'SQ 638', 'Narita (NRT)'], depart: [3, '11:35', 'SQ 633', 'Haneda (HND)'] },
	{ delegation: 'JP', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: 'Hiroshi', family: 'Yamamoto', native: '山本 博', position: 'Director, International Affairs Division', organisation: MHLW, email: 'yamamoto-hiroshi@mhlw.example', phone: '+81 3 5253 1111', nationality: 'JP', emailInList: true },
	{ delegation: 'JP', status: 'confirmed', category: 'resource_person', honorific: 'Dr.', given: 'Kenji', family: 'Watanabe', native: '渡辺 健二', position: 'Professor of Gerontology', organisation: 'Tokyo Metropolitan Institute of Gerontology', email: 'k.watanabe@tmig.example', phone: '+81 3 3964 3241', nationality: 'JP', access: 'Wheelchair user: step-free access and a seat at the end of a row, please.' },
	{ delegation: 'JP', status: 'confirmed', category: 'secretariat', honorific: 'Ms.', given: 'Yuki', family: 'Sato', native: '佐藤 由紀', position: 'Deputy Director, International Cooperation Office', organisation: MHLW, email: 'sato-yuki@mhlw.example', phone: '+81 3 5253 1111', nationality: 'JP', dietary: 'other', dietaryNotes: 'No shellfish (allergy).' },
	{ delegation: 'ASEC', status: 'confirmed', honorific: 'Ms.', given: 'Maria Theresa', family: 'Villanueva', position: 'Senior Officer, Health and Social Welfare Division', organisation: 'ASEAN Secretariat', email: 'mt.villanueva@asean.example', phone: '+62 21 726 2991', nationality: 'PH', arrive: [-1, '08:20', 'GA 874', 'Haneda (HND)'], depart: [3, '11:35', 'GA 875', 'Haneda (HND)'] }
];

const MOH_KH = 'Ministry of Health';
// One line per person, like a table.
// prettier-ignore
export const WORKSHOP_PEOPLE: DemoPerson[] = [
	{ delegation: 'KH', status: 'confirmed', category: 'head_of_delegation', honorific: 'Dr.', given: 'Sophal', family: 'Chan', native: 'ចាន់ សុផល', position: 'Director, National Centre for HIV/AIDS, Dermatology and STD', organisation: MOH_KH, email: 'chan.sophal@nchads.example', phone: '+855 12 345 678', nationality: 'KH' },
	{ delegation: 'KH', status: 'confirmed', honorific: 'Dr.', given: 'Sreymom', family: 'Keo', native: 'កែវ ស្រីមុំ', position: 'Head of ART Unit, Calmette Hospital', organisation: MOH_KH, email: 'keo.sreymom@calmette.example', phone: '+855 17 222 333', nationality: 'KH' },
	{ delegation: 'KH', status: 'confirmed', honorific: 'Mr.', given: 'Vuthy', family: 'Heng', position: 'Laboratory Manager, Khmer-Soviet Friendship Hospital', organisation: MOH_KH, email: 'heng.vuthy@ksfh.example', phone: '+855 11 444 555', nationality: 'KH' },
	{ delegation: 'KH', status: 'confirmed', honorific: 'Ms.', given: 'Sokunthea', family: 'Lim', position: 'Nurse Coordinator, National Pediatric Hospital', organisation: MOH_KH, email: 'lim.sokunthea@nph.example', phone: '+855 16 777 888', nationality: 'KH', dietary: 'vegetarian' },
	{ delegation: 'KH', status: 'waitlisted', honorific: 'Dr.', given: 'Sovann', family: 'Prak', position: 'Deputy Director, Provincial Health Department, Battambang', organisation: MOH_KH, email: 'prak.sovann@phd.example', phone: '+855 12 999 000', nationality: 'KH' },
	{ delegation: 'TH', status: 'confirmed', category: 'head_of_delegation', honorific: 'Dr.', given: 'Pornthip', family: 'Siriwat', native: 'พรทิพย์ ศิริวัฒน์', position: 'Senior Medical Officer, Bamrasnaradura Infectious Diseases Institute', organisation: 'Ministry of Public Health', email: 'pornthip.s@moph.example', phone: '+66 2 590 3000', nationality: 'TH', arrive: [-1, '10:25', 'TG 580', 'Phnom Penh (KTI)'], depart: [5, '13:30', 'TG 581', 'Phnom Penh (KTI)'], hotel: PNH_HOTEL },
	{ delegation: 'TH', status: 'pending', honorific: 'Mr.', given: 'Wichai', family: 'Boonmee', position: 'Public Health Technical Officer', organisation: 'Ministry of Public Health', email: 'wichai.b@moph.example', phone: '+66 89 111 2222', nationality: 'TH' },
	{ delegation: 'VN', status: 'pending', category: 'head_of_delegation', honorific: 'Dr.', given: 'Quang Minh', family: 'Phạm', position: 'Deputy Director, Viet Nam Administration of HIV/AIDS Control', organisation: 'Ministry of Health', email: 'quangminh.pham@vaac.example', phone: '+84 24 3736 7128', nationality: 'VN', arrive: [-1, '09:40', 'VN 921', 'Phnom Penh (KTI)'], depart: [5, '19:20', 'VN 920', 'Phnom Penh (KTI)'] },
	{ delegation: 'VN', status: 'pending', honorific: 'Ms.', given: 'Thị Lan', family: 'Đỗ', position: 'Physician, National Hospital for Tropical Diseases', organisation: 'Ministry of Health', email: 'thilan.do@nhtd.example', phone: '+84 98 765 4321', nationality: 'VN', dietary: 'vegetarian' },
	{ delegation: 'LA', status: 'pending', honorific: 'Dr.', given: 'Bounthavy', family: 'Sengdara', native: 'ບຸນທະວີ ແສງດາລາ', position: 'Head, Center for HIV/AIDS and STI', organisation: 'Ministry of Health', email: 'bounthavy.s@chas.example', phone: '+856 20 5555 1234', nationality: 'LA' },
	{ delegation: 'MM', status: 'confirmed', category: 'head_of_delegation', honorific: 'Dr.', given: null, family: 'Zaw Min Htet', native: 'ဇော်မင်းထက်', position: 'Programme Manager, National AIDS Programme', organisation: 'Ministry of Health', email: 'zawminhtet@nap.example', phone: '+95 9 123 456 789', nationality: 'MM', arrive: [-1, '12:55', 'K6 6006', 'Phnom Penh (KTI)'], depart: [5, '14:10', 'K6 6007', 'Phnom Penh (KTI)'] },
	{ delegation: 'MM', status: 'declined', honorific: 'Dr.', given: null, family: 'Thandar Aye', position: 'Medical Officer, Mandalay General Hospital', organisation: 'Ministry of Health', email: 'thandaraye@mgh.example', phone: '+95 9 987 654 321', nationality: 'MM', declineReason: 'Places for Myanmar are limited to two; please ask the National AIDS Programme focal point to confirm the nomination.' },
	{ delegation: 'ID', status: 'confirmed', category: 'head_of_delegation', honorific: 'Dr.', given: null, family: 'Lestari', position: 'Head of Sub-directorate HIV/AIDS and STI', organisation: 'Ministry of Health', email: 'lestari@kemkes.example', phone: '+62 21 520 1590', nationality: 'ID', dietary: 'halal', arrive: [-1, '16:05', 'SQ 142', 'Phnom Penh (KTI)'], depart: [5, '17:00', 'SQ 143', 'Phnom Penh (KTI)'], hotel: PNH_HOTEL },
	{ delegation: 'PH', status: 'cancelled', honorific: 'Dr.', given: 'Jose Antonio', family: 'Reyes', position: 'Medical Specialist, San Lazaro Hospital', organisation: 'Department of Health', email: 'ja.reyes@slh.example', phone: '+63 2 8732 3776', nationality: 'PH' },
	{ delegation: 'WHO', status: 'confirmed', category: 'resource_person', honorific: 'Dr.', given: 'Anna', family: 'Lindqvist', position: 'Medical Officer, HIV, Hepatitis and STI', organisation: 'World Health Organization, Western Pacific Region', email: 'a.lindqvist@who.example', phone: '+63 2 8528 8001', nationality: 'SE' },
	{ delegation: 'UNAIDS', status: 'pending', category: 'observer', honorific: 'Mr.', given: 'Rajesh', family: 'Kumar', position: 'Strategic Information Adviser', organisation: 'UNAIDS Asia and the Pacific', email: 'r.kumar@unaids.example', phone: '+66 2 680 4100', nationality: 'IN' }
];

// One line per person, like a table.
// prettier-ignore
export const HLOM5_PEOPLE: DemoPerson[] = [
	{ delegation: 'TH', status: 'confirmed', category: 'head_of_delegation', honorific: 'Ms.', given: 'Ratana', family: 'Wongsuwan', native: 'รัตนา วงศ์สุวรรณ', position: 'Inspector-General', organisation: MSDHS, email: 'ratana.w@msdhs.example', phone: '+66 2 659 6200', nationality: 'TH' },
	{ delegation: 'VN', status: 'confirmed', category: 'head_of_delegation', honorific: 'Ms.', given: 'Thị Minh Khai', family: 'Nguyễn', position: 'Deputy Director-General, Social Protection Department', organisation: MOLISA, email: 'minhkhai.nguyen@molisa.example', phone: '+84 24 3826 9534', nationality: 'VN' },
	{ delegation: 'ID', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: null, family: 'Sumarsono', position: 'Director of Social Services for Older Persons', organisation: 'Ministry of Social Affairs', email: 'sumarsono@kemensos.example', phone: '+62 21 310 3591', nationality: 'ID', dietary: 'halal' },
	{ delegation: 'MM', status: 'cancelled', honorific: 'Mr.', given: null, family: 'Aung Kyaw Moe', position: 'Deputy Director', organisation: 'Ministry of Social Welfare, Relief and Resettlement', email: 'aungkyawmoe@msw.example', phone: '+95 67 340 4112', nationality: 'MM' },
	{ delegation: 'JP', status: 'confirmed', category: 'head_of_delegation', honorific: 'Mr.', given: 'Hiroshi', family: 'Yamamoto', native: '山本 博', position: 'Deputy Director, International Affairs Division', organisation: MHLW, email: 'yamamoto-hiroshi@mhlw.example', phone: '+81 3 5253 1111', nationality: 'JP' }
];
