// Times are stored as instants and shown in the event's IANA zone, with a label people read:
// "09:00 Tokyo time (UTC+9)". A date-time typed into a form is in the event's zone.
// Works the same in the browser and on a server whatever its TZ.

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
	let f = partsCache.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		partsCache.set(timeZone, f);
	}
	return f;
}

/** True for a time zone name this runtime knows (e.g. "Asia/Tokyo"). */
export function isValidTimeZone(timeZone: string): boolean {
	if (!timeZone || timeZone.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** Every IANA zone name this runtime knows, for a searchable picker. */
export function timeZones(): string[] {
	return Intl.supportedValuesOf('timeZone');
}

type Parts = {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
};

// formatToParts costs about 10 µs a call and a programme of 15 items asks for 45 of them on
// every view of the public event page, mostly the same instants each time: remembered here
// (a pure function of zone and instant; bounded, dropped whole when full).
const partsMemo = new Map<string, Readonly<Parts>>();
const PARTS_MEMO_SIZE = 5_000;

function zonedParts(at: Date, timeZone: string): Readonly<Parts> {
	const key = `${timeZone}|${at.getTime()}`;
	const known = partsMemo.get(key);
	if (known) return known;
	const values: Record<string, number> = {};
	for (const p of partsFormatter(timeZone).formatToParts(at)) {
		if (p.type !== 'literal') values[p.type] = Number(p.value);
	}
	if (partsMemo.size >= PARTS_MEMO_SIZE) partsMemo.clear();
	const parts = Object.freeze(values as unknown as Parts);
	partsMemo.set(key, parts);
	return parts;
}

/** Offset of the zone from UTC at an instant, in minutes (Tokyo: +540). */
export function offsetMinutes(at: Date, timeZone: string): number {
	const p = zonedParts(at, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** "UTC+9", "UTC+5:30", "UTC−3", "UTC". */
export function utcOffsetLabel(at: Date, timeZone: string): string {
	const minutes = offsetMinutes(at, timeZone);
	if (minutes === 0) return 'UTC';
	const sign = minutes > 0 ? '+' : '−';
	const abs = Math.abs(minutes);
	const h = Math.floor(abs / 60);
	const m = abs % 60;
	return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

// The city a zone's time is called after, in Japanese (the event's zones; others keep English).
const ZONE_CITIES_JA: Readonly<Record<string, string>> = {
	'Asia/Tokyo': '東京',
	'Asia/Bangkok': 'バンコク',
	'Asia/Jakarta': 'ジャカルタ',
	'Asia/Manila': 'マニラ',
	'Asia/Singapore': 'シンガポール',
	'Asia/Kuala_Lumpur': 'クアラルンプール',
	'Asia/Phnom_Penh': 'プノンペン',
	'Asia/Ho_Chi_Minh': 'ハノイ',
	'Asia/Saigon': 'ハノイ',
	'Asia/Vientiane': 'ビエンチャン',
	'Asia/Yangon': 'ヤンゴン',
	'Asia/Rangoon': 'ヤンゴン',
	'Asia/Brunei': 'バンダルスリブガワン',
	'Asia/Dili': 'ディリ',
	'Asia/Seoul': 'ソウル',
	'Asia/Shanghai': '北京',
	'Europe/Geneva': 'ジュネーブ',
	'Europe/Zurich': 'ジュネーブ'
};

// Zones named after a city other than the one people name the time after: a meeting in Hanoi
// keeps "Hanoi time", though the zone's database name is Asia/Ho_Chi_Minh.
const ZONE_CITIES: Readonly<Record<string, string>> = {
	'Asia/Ho_Chi_Minh': 'Hanoi',
	'Asia/Saigon': 'Hanoi',
	'Asia/Brunei': 'Bandar Seri Begawan',
	'Asia/Rangoon': 'Yangon',
	'Asia/Shanghai': 'Beijing',
	'Asia/Chongqing': 'Beijing',
	'Asia/Calcutta': 'Kolkata',
	'Asia/Katmandu': 'Kathmandu',
	'Asia/Ujung_Pandang': 'Makassar'
};

/** "Tokyo" for "Asia/Tokyo", "Phnom Penh" for "Asia/Phnom_Penh", "Hanoi" for "Asia/Ho_Chi_Minh". */
export function zoneCity(timeZone: string): string {
	const named = ZONE_CITIES[timeZone];
	if (named) return named;
	const last = timeZone.split('/').pop() ?? timeZone;
	return last.replaceAll('_', ' ');
}

/**
 * "Tokyo time (UTC+9)", "Hanoi time (UTC+7)": the one way a zone is written on every page;
 * in Japanese "東京時間 (UTC+9)".
 */
export function zoneLabel(timeZone: string, at: Date = new Date(), locale = 'en'): string {
	if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
	if (locale === 'ja') {
		const city = ZONE_CITIES_JA[timeZone];
		return `${city ? `${city}時間` : `${zoneCity(timeZone)} time`} (${utcOffsetLabel(at, timeZone)})`;
	}
	return `${zoneCity(timeZone)} time (${utcOffsetLabel(at, timeZone)})`;
}

/** "09:00" in the zone. */
export function formatTime(at: Date, timeZone: string): string {
	const p = zonedParts(at, timeZone);
	return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(
	timeZone: string,
	options: { weekday?: boolean; year?: boolean },
	locale: string
): Intl.DateTimeFormat {
	const key = `${locale}|${timeZone}|${options.weekday !== false}|${options.year !== false}`;
	let f = dateFormatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
			timeZone,
			weekday: options.weekday === false ? undefined : 'short',
			day: 'numeric',
			month: locale === 'en' ? 'short' : 'long',
			year: options.year === false ? undefined : 'numeric'
		});
		dateFormatters.set(key, f);
	}
	return f;
}

/** "Tue 16 Feb 2027" in the zone (weekday and year optional); "2027年2月16日(火)" in Japanese. */
export function formatDate(
	at: Date,
	timeZone: string,
	options: { weekday?: boolean; year?: boolean } = {},
	locale = 'en'
): string {
	const text = dateFormatter(timeZone, options, locale).format(at);
	return locale === 'en' ? text.replace(',', '') : text;
}

/** "Tue 16 Feb 2027, 09:00 Tokyo time (UTC+9)"; "2027年2月16日(火) 09:00 東京時間 (UTC+9)". */
export function formatDateTime(at: Date, timeZone: string, withZone = true, locale = 'en'): string {
	const separator = locale === 'en' ? ', ' : ' ';
	const base = `${formatDate(at, timeZone, {}, locale)}${separator}${formatTime(at, timeZone)}`;
	return withZone ? `${base} ${zoneLabel(timeZone, at, locale)}` : base;
}

/** "YYYY-MM-DD" of the instant's calendar day in the zone (for grouping by day). */
export function dayKey(at: Date, timeZone: string): string {
	const p = zonedParts(at, timeZone);
	return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** "Tue 16 Feb 2027" for a calendar day "2027-02-16". */
export function formatDay(
	day: string,
	options: { weekday?: boolean; year?: boolean } = {},
	locale = 'en'
): string {
	return formatDate(new Date(`${day}T12:00:00Z`), 'UTC', options, locale);
}

/** "16–20 Feb 2027", "28 Feb – 3 Mar 2027", "30 Dec 2026 – 2 Jan 2027"; "2027年2月16日～20日". */
export function formatDayRange(start: string, end: string, locale = 'en'): string {
	if (locale === 'ja') {
		const first = formatDay(start, { weekday: false }, locale);
		if (start === end) return first;
		const [ys, ms] = start.split('-');
		const [ye, me, de] = end.split('-');
		if (ys !== ye) return `${first}～${formatDay(end, { weekday: false }, locale)}`;
		return ms === me ? `${first}～${Number(de)}日` : `${first}～${Number(me)}月${Number(de)}日`;
	}
	if (start === end) return formatDay(start, { weekday: false });
	const [ys, ms] = start.split('-');
	const [ye, me] = end.split('-');
	const e = formatDay(end, { weekday: false });
	if (ys === ye && ms === me) return `${Number(start.slice(8))}–${e}`;
	if (ys === ye) return `${formatDay(start, { weekday: false, year: false })} – ${e}`;
	return `${formatDay(start, { weekday: false })} – ${e}`;
}

/** "YYYY-MM-DDTHH:mm" of an instant in the zone, for <input type="datetime-local">. */
export function toZonedInput(at: Date | null | undefined, timeZone: string): string {
	if (!at) return '';
	const p = zonedParts(at, timeZone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant of a wall-clock date-time in a zone ("2027-02-16T09:00" in Asia/Tokyo), or null
 * when the text is not a valid date-time. A time skipped by a DST change resolves forward.
 */
export function fromZonedInput(value: string, timeZone: string): Date | null {
	const m = LOCAL.exec(value.trim());
	if (!m) return null;
	const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
		return null;
	}
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
	// Two passes settle the offset, also next to a DST change.
	let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
	guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
	return new Date(guess);
}

/** The instant a calendar day starts in a zone ("2027-02-16" in Asia/Tokyo → 2027-02-15T15:00Z). */
export function startOfDay(day: string, timeZone: string): Date {
	return fromZonedInput(`${day}T00:00`, timeZone)!;
}
