import { countryName } from '../../countries.ts';

// Whom a visa support letter is addressed to by default: the Embassy of Japan in the delegate's
// country of nationality (ASEAN countries with the city it sits in). The secretariat changes it
// per letter when the delegate applies elsewhere, e.g. at a consulate-general.

const CITIES: Record<string, string> = {
	BN: 'Bandar Seri Begawan',
	KH: 'Phnom Penh',
	ID: 'Jakarta',
	LA: 'Vientiane',
	MY: 'Kuala Lumpur',
	MM: 'Yangon',
	PH: 'Manila',
	SG: 'Singapore',
	TH: 'Bangkok',
	VN: 'Hanoi',
	TL: 'Dili'
};

/** "Embassy of Japan in Viet Nam, Hanoi"; for a Japanese national or none, a general address. */
export function defaultAddressee(nationality: string | null): string {
	if (!nationality || nationality === 'JP') return 'To whom it may concern';
	const city = CITIES[nationality];
	const country = countryName(nationality);
	return city ? `Embassy of Japan in ${country}, ${city}` : `Embassy of Japan in ${country}`;
}
