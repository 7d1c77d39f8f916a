// Airports delegates of the region fly through, by IATA code. The travel fields stay free text
// (an airport missing here can still be typed); the code found in what was typed groups the
// logistics lists, so "HAN", "han" and "Noi Bai International, Hanoi (HAN)" are one airport.
// Browser-safe: the registration form offers these names as suggestions.

export const AIRPORTS: Readonly<Record<string, string>> = {
	// ASEAN member states and Timor-Leste
	BWN: 'Brunei International, Bandar Seri Begawan',
	KTI: 'Techo International, Phnom Penh',
	PNH: 'Phnom Penh International',
	SAI: 'Siem Reap–Angkor International',
	CGK: 'Soekarno–Hatta International, Jakarta',
	HLP: 'Halim Perdanakusuma, Jakarta',
	DPS: 'Ngurah Rai International, Bali',
	SUB: 'Juanda International, Surabaya',
	VTE: 'Wattay International, Vientiane',
	LPQ: 'Luang Prabang International',
	KUL: 'Kuala Lumpur International',
	SZB: 'Sultan Abdul Aziz Shah, Subang',
	PEN: 'Penang International',
	BKI: 'Kota Kinabalu International',
	KCH: 'Kuching International',
	RGN: 'Yangon International',
	NYT: 'Nay Pyi Taw International',
	MDL: 'Mandalay International',
	MNL: 'Ninoy Aquino International, Manila',
	CEB: 'Mactan–Cebu International',
	CRK: 'Clark International',
	SIN: 'Changi, Singapore',
	BKK: 'Suvarnabhumi, Bangkok',
	DMK: 'Don Mueang, Bangkok',
	CNX: 'Chiang Mai International',
	HKT: 'Phuket International',
	HAN: 'Noi Bai International, Hanoi',
	SGN: 'Tan Son Nhat International, Ho Chi Minh City',
	DAD: 'Da Nang International',
	CXR: 'Cam Ranh International, Nha Trang',
	PQC: 'Phu Quoc International',
	DIL: 'Presidente Nicolau Lobato International, Dili',
	// Dialogue partners' main gateways
	HND: 'Tokyo Haneda',
	NRT: 'Tokyo Narita',
	KIX: 'Kansai International, Osaka',
	NGO: 'Chubu Centrair, Nagoya',
	FUK: 'Fukuoka',
	CTS: 'New Chitose, Sapporo',
	ICN: 'Incheon International, Seoul',
	GMP: 'Gimpo International, Seoul',
	PEK: 'Beijing Capital International',
	PKX: 'Beijing Daxing International',
	PVG: 'Shanghai Pudong International',
	CAN: 'Guangzhou Baiyun International',
	HKG: 'Hong Kong International',
	TPE: 'Taoyuan International, Taipei',
	DEL: 'Indira Gandhi International, Delhi',
	BOM: 'Chhatrapati Shivaji Maharaj International, Mumbai',
	SYD: 'Sydney Kingsford Smith',
	MEL: 'Melbourne',
	CBR: 'Canberra',
	AKL: 'Auckland',
	DXB: 'Dubai International',
	DOH: 'Hamad International, Doha',
	IST: 'Istanbul',
	FRA: 'Frankfurt',
	CDG: 'Paris Charles de Gaulle',
	LHR: 'London Heathrow',
	AMS: 'Amsterdam Schiphol',
	GVA: 'Geneva',
	ZRH: 'Zurich',
	JFK: 'New York John F. Kennedy',
	IAD: 'Washington Dulles',
	YVR: 'Vancouver',
	YYZ: 'Toronto Pearson'
};

/** "Noi Bai International, Hanoi (HAN)": how an airport is offered and listed. */
export function airportLabel(code: string): string {
	const name = AIRPORTS[code];
	return name ? `${name} (${code})` : code;
}

/** Every airport of the table as offered to a person typing one, in order of name. */
export const AIRPORT_OPTIONS: readonly string[] = Object.keys(AIRPORTS)
	.map(airportLabel)
	.sort((a, b) => a.localeCompare(b, 'en'));

/**
 * The IATA code in what a person typed, or null: a bare three-letter code in any case ("han"),
 * a known code in capitals within the text ("Noi Bai (HAN)", "HAN T2"), or a known airport's
 * name, whole or its first part ("noi bai", "Suvarnabhumi").
 */
export function airportCode(text: string): string | null {
	const typed = text.replace(/\s+/g, ' ').trim();
	if (/^[a-z]{3}$/i.test(typed)) return typed.toUpperCase();
	for (const token of typed.match(/\b[A-Z]{3}\b/g) ?? []) {
		if (AIRPORTS[token]) return token;
	}
	const lower = typed.toLowerCase();
	if (!lower) return null;
	for (const [code, name] of Object.entries(AIRPORTS)) {
		const whole = name.toLowerCase();
		const first = whole.split(',')[0];
		if ([whole, first, first.replace(/ international$/, '')].includes(lower)) return code;
	}
	return null;
}
