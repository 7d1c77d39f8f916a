import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { fontFace, scriptRuns } from '../../src/lib/server/exports/pdf-fonts.ts';
import { GET as badgesGet } from '../../src/routes/admin/events/[slug]/exports/badges.pdf/+server.ts';
import { GET as participantsGet } from '../../src/routes/admin/events/[slug]/exports/participants.pdf/+server.ts';
import { makeDelegation, makeEvent, makeRegistration, makeStaff } from '../helpers/factories.ts';
import { drawnGlyphIds, embeddedFonts } from '../helpers/pdf-glyphs.ts';
import { bytes, call, localsFor, staffRequest, statusOf } from '../helpers/request-event.ts';
import { pdfText } from '../helpers/pdf.ts';

// The printed documents of an ASEAN–Japan meeting carry every participant's script: names in
// their own script, positions and ministries in Japanese, Thai, Khmer, Lao, Myanmar and
// Vietnamese. A character a font lacks prints as an empty box (glyph 0, ".notdef"), so the
// checks read the glyph ids the PDF draws, ask each font whether it has the characters it was
// chosen for, and extract Japanese and Vietnamese text back exactly.

type Person = {
	delegation: string;
	honorific: string | null;
	family: string;
	given: string;
	native: string | null;
	position: string;
	organisation: string;
	status?: 'confirmed' | 'cancelled';
};

const PEOPLE: Person[] = [
	{
		delegation: 'JP',
		honorific: 'H.E.',
		family: 'Yamamoto',
		given: 'Hiroshi',
		native: '山本 博',
		position: '国際協力課長',
		organisation: '厚生労働省'
	},
	{
		delegation: 'TH',
		honorific: 'Ms.',
		family: 'Arun',
		given: 'Siriporn',
		native: 'ศิริพร อรุณ',
		position: 'ผู้อำนวยการกองการต่างประเทศ',
		organisation: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์'
	},
	{
		delegation: 'KH',
		honorific: 'Mr.',
		family: 'Sok',
		given: 'Dara',
		native: 'សុខ ដារ៉ា',
		position: 'ប្រធាននាយកដ្ឋាន',
		organisation: 'ក្រសួងសង្គមកិច្ច អតីតយុទ្ធជន និងយុវនីតិសម្បទា'
	},
	{
		delegation: 'LA',
		honorific: 'Mr.',
		family: 'Phomma',
		given: 'Khamla',
		native: 'ຄຳລາ ພົມມາ',
		position: 'ຫົວໜ້າກົມ',
		organisation: 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ'
	},
	{
		delegation: 'MM',
		honorific: 'Ms.',
		family: 'Aye',
		given: 'Khin Myo',
		native: 'ခင်မျိုးအေး',
		position: 'ညွှန်ကြားရေးမှူး',
		organisation: 'လူမှုဝန်ထမ်း ကယ်ဆယ်ရေးနှင့် ပြန်လည်နေရာချထားရေးဝန်ကြီးဌာန'
	},
	{
		delegation: 'VN',
		honorific: 'Ms.',
		family: 'Nguyễn',
		given: 'Thị Minh Khai',
		native: null,
		position: 'Vụ trưởng Vụ Hợp tác quốc tế',
		organisation: 'Bộ Lao động – Thương binh và Xã hội'
	},
	{
		delegation: 'TH',
		honorific: 'Mr.',
		family: 'Wongsakulchaiyaphumsiriwat',
		given: 'Chakkraphatsiriwong Maha',
		native: 'จักรพรรดิ์ศิริวงศ์ มหา วงศ์สกุลชัยภูมิศิริวัฒน์',
		position: 'Deputy Permanent Secretary',
		organisation: 'Ministry of Social Development and Human Security'
	},
	{
		delegation: 'TH',
		honorific: 'Mr.',
		family: 'Withdrawn',
		given: 'Somchai',
		native: 'สมชาย',
		position: 'Officer',
		organisation: 'Ministry of Social Development and Human Security',
		status: 'cancelled'
	}
];

const NAMES = {
	JP: 'Japan',
	TH: 'Thailand',
	KH: 'Cambodia',
	LA: 'Lao PDR',
	MM: 'Myanmar',
	VN: 'Viet Nam'
} as const;

let event: Awaited<ReturnType<typeof makeEvent>>;
let staff: App.Locals;
const references = new Map<string, string>();

beforeAll(async () => {
	event = await makeEvent({ title: 'ASEAN–Japan Workshop on Caring Societies' });
	staff = await localsFor((await makeStaff({ admin: true })).id);
	const delegations = new Map<string, { id: number; code: string }>();
	for (const [code, name] of Object.entries(NAMES))
		delegations.set(code, await makeDelegation(event.id, code, { name }));
	for (const person of PEOPLE) {
		const registration = await makeRegistration(event, delegations.get(person.delegation)!, {
			honorific: person.honorific,
			family_name: person.family,
			given_name: person.given,
			position: person.position,
			organisation: person.organisation,
			status: person.status ?? 'confirmed',
			category: person.delegation === 'JP' ? 'head_of_delegation' : 'delegate'
		});
		await db()
			.updateTable('registrations')
			.set({ native_name: person.native })
			.where('id', '=', registration.id)
			.execute();
		references.set(person.family, registration.reference);
	}
});

const confirmed = PEOPLE.filter((p) => p.status !== 'cancelled');
const printed = confirmed.flatMap((p) =>
	[p.native, p.position, p.organisation].filter((t): t is string => !!t)
);

/** Each run of each text has all its glyphs in the font it is set in. */
function expectFontsCover(texts: string[]) {
	for (const text of texts) {
		for (const run of scriptRuns(text)) {
			const ids = fontFace(run.script)
				.glyphsForString(run.text)
				.map((g) => g.id);
			expect(ids, `${run.text} in the ${run.script} font`).not.toContain(0);
		}
	}
}

/** No glyph the document draws is the empty box, and it draws many. */
function expectNoMissingGlyph(pdf: Uint8Array) {
	const ids = drawnGlyphIds(pdf);
	expect(ids.length).toBeGreaterThan(300);
	expect(ids.filter((id) => id === 0)).toHaveLength(0);
}

const SCRIPT_FONTS = [
	'NotoSansJP-Regular',
	'NotoSansThai-Regular',
	'NotoSansKhmer-Regular',
	'NotoSansLao-Regular',
	'NotoSansMyanmar-Regular'
];

describe('the List of Participants in every script', () => {
	let pdf: Uint8Array;
	beforeAll(async () => {
		pdf = await bytes(
			await call(participantsGet, staffRequest(staff, event.slug, 'exports/participants.pdf'))
		);
	});

	it('draws every character with a glyph of a font that has it', async () => {
		expectNoMissingGlyph(pdf);
		expectFontsCover(printed);
		const fonts = await embeddedFonts(pdf);
		for (const font of SCRIPT_FONTS) expect(fonts).toContain(font);
	});

	it('gives Japanese and Vietnamese back exactly, honorifics as given, the cancelled left out', async () => {
		const text = await pdfText(pdf);
		for (const exact of [
			'H.E. YAMAMOTO Hiroshi',
			'山本 博',
			'国際協力課長',
			'厚生労働省',
			'Ms. NGUYỄN Thị Minh Khai',
			'Vụ trưởng Vụ Hợp tác quốc tế',
			'Bộ Lao động – Thương binh và Xã hội'
		])
			expect(text).toContain(exact);
		expect(text).not.toContain('WITHDRAWN');
	});

	it('stays small: only the glyphs printed are embedded', () => {
		// The Japanese font alone is 5 MB.
		expect(pdf.length).toBeLessThan(150_000);
	});
});

describe('badges in every script', () => {
	let pdf: Uint8Array;
	beforeAll(async () => {
		pdf = await bytes(
			await call(
				badgesGet,
				staffRequest(staff, event.slug, 'exports/badges.pdf', { status: 'confirmed' })
			)
		);
	});

	it('draws every character with a glyph of a font that has it', async () => {
		expectNoMissingGlyph(pdf);
		expectFontsCover(confirmed.flatMap((p) => (p.native ? [p.native] : [])));
		const fonts = await embeddedFonts(pdf);
		for (const font of SCRIPT_FONTS) expect(fonts).toContain(font);
	});

	it('prints the name in its own script and the honorific as given; a long name shrinks, whole', async () => {
		// Names wrap onto a second line: compare with line breaks as spaces.
		const text = (await pdfText(pdf, false)).replace(/\s+/g, ' ');
		expect(text).toContain('山本 博');
		expect(text).toContain('H.E.');
		expect(text).toContain('Thị Minh Khai Nguyễn');
		expect(text).toContain('Wongsakulchaiyaphumsiriwat');
		expect(text).toContain('Chakkraphatsiriwong');
		for (const p of confirmed) expect(text).toContain(references.get(p.family)!);
	});

	it('prints only the confirmed of a selection of every status', async () => {
		const response = await call(
			badgesGet,
			staffRequest(staff, event.slug, 'exports/badges.pdf', { delegation: 'TH' })
		);
		const text = await pdfText(await bytes(response), false);
		expect(text).toContain(references.get('Arun')!);
		expect(text).not.toContain(references.get('Withdrawn')!);
		expect(text).not.toContain('Withdrawn');
	});

	it('refuses badges for a selection of cancelled people, saying why', async () => {
		const request = staffRequest(staff, event.slug, 'exports/badges.pdf', {
			status: 'cancelled'
		});
		expect(await statusOf(() => call(badgesGet, request))).toBe(409);
		await expect(call(badgesGet, request)).rejects.toMatchObject({
			body: {
				message: expect.stringMatching(/only for confirmed participants.*one registration/)
			}
		});
	});
});
