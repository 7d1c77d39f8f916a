import { describe, expect, it } from 'vitest';
import { renderDocumentPdf } from '../../src/lib/server/documents/document-pdf.ts';
import {
	previewTemplatePdf,
	saveTemplate,
	templateForEditor
} from '../../src/lib/server/documents/template.service.ts';
import { domainError, eventWithPeople } from '../helpers/event-actors.ts';
import { embeddedFonts } from '../helpers/pdf-glyphs.ts';
import { fontFace, scriptRuns } from '../../src/lib/server/exports/pdf-fonts.ts';
import { pdfText } from '../helpers/pdf.ts';
import { makeDelegation, makeRegistration } from '../helpers/factories.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { qrPng } from '../../src/lib/server/qr/qr-png.ts';
import { tableCards } from '../../src/lib/server/documents/table-cards.service.ts';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** The images a PDF holds, from poppler's pdfimages -list. */
async function pdfImages(pdf: Uint8Array): Promise<string[]> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		const { stdout } = await promisify(execFile)('/usr/bin/pdfimages', ['-list', file]);
		return stdout
			.split('\n')
			.slice(2)
			.filter((l) => /\bimage\b/.test(l));
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

// Document templates: a sensible default for each kind, versions kept on save, unknown
// placeholders refused, only organizers editing, and a specimen PDF whose Japanese letterhead and
// Vietnamese sample name extract exactly; names in Thai, Khmer or Myanmar print without a box.

const NO_IMAGES = { logo: null, signature: null, removeLogo: false, removeSignature: false };
const LETTERHEAD = {
	issuerEn: 'Ministry of Health, Labour and Welfare',
	issuerJa: '厚生労働省',
	issuerAddress: '1-2-2 Kasumigaseki, Chiyoda-ku, Tokyo',
	signatoryName: 'Tanaka Ichiro',
	signatoryTitle: 'Director, International Affairs Division'
};

describe('document templates', () => {
	it('start from a default for each kind and keep every saved version', async () => {
		const s = await eventWithPeople();
		for (const kind of [
			'visa_letter',
			'certificate',
			'invitation_letter',
			'delegation_letter'
		] as const) {
			const { template, placeholders } = await templateForEditor(s.organizer, s.event, kind);
			expect(template.version).toBeNull();
			expect(template.body_md).toContain('{{event.title}}');
			expect(placeholders.some((p) => p.name === 'passport.number')).toBe(kind === 'visa_letter');
			const saved = await saveTemplate(
				s.organizer,
				s.event,
				kind,
				{ ...LETTERHEAD, bodyMd: `${template.body_md}\n\nSecond paragraph.` },
				NO_IMAGES
			);
			expect(saved.version).toBe(1);
			const again = await saveTemplate(
				s.organizer,
				s.event,
				kind,
				{ ...LETTERHEAD, bodyMd: 'Short.' },
				NO_IMAGES
			);
			expect(again.version).toBe(2);
			expect((await templateForEditor(s.organizer, s.event, kind)).template.body_md).toBe('Short.');
		}
	});

	it('are edited by organizers only; unknown placeholders are refused with their names', async () => {
		const s = await eventWithPeople();
		const input = { ...LETTERHEAD, bodyMd: 'Dear {{delegate.formal_name}}' };
		for (const who of [s.secretariat, s.checkin, s.stranger]) {
			expect(
				(await domainError(saveTemplate(who, s.event, 'certificate', input, NO_IMAGES))).code
			).toBe('forbidden');
		}
		const refused = await domainError(
			saveTemplate(
				s.organizer,
				s.event,
				'certificate',
				{ ...input, bodyMd: '{{delegate.passport}} {{passport.number}}' },
				NO_IMAGES
			)
		);
		expect(refused.field).toBe('bodyMd');
		expect(refused.message).toContain('{{delegate.passport}}, {{passport.number}}');
	});

	it('preview the letter to a focal point with its sample delegation and places', async () => {
		const s = await eventWithPeople();
		const { template, placeholders } = await templateForEditor(
			s.organizer,
			s.event,
			'delegation_letter'
		);
		expect(placeholders.map((p) => p.name)).toContain('delegation.quota');
		expect(placeholders.map((p) => p.name)).not.toContain('delegate.formal_name');
		const text = await pdfText(
			await previewTemplatePdf(s.organizer, s.event, 'delegation_letter', {
				...LETTERHEAD,
				bodyMd: template.body_md
			}),
			false
		);
		expect(text).toContain('厚生労働省');
		expect(text).toContain('Ms. Trần Thu Hà');
		expect(text).toContain('1 head of delegation and 2 delegates');
		expect(text).not.toMatch(/\{\{/);
		// A person's placeholder means nothing in a letter to a delegation: refused on save.
		const refused = await domainError(
			saveTemplate(
				s.organizer,
				s.event,
				'delegation_letter',
				{ ...LETTERHEAD, bodyMd: 'Dear {{delegate.formal_name}}' },
				NO_IMAGES
			)
		);
		expect(refused.message).toContain('{{delegate.formal_name}}');
	});

	it('preview every kind as a specimen whose Japanese letterhead and sample name extract exactly', async () => {
		const s = await eventWithPeople();
		for (const kind of ['visa_letter', 'certificate', 'invitation_letter'] as const) {
			const { template } = await templateForEditor(s.organizer, s.event, kind);
			const pdf = await previewTemplatePdf(s.organizer, s.event, kind, {
				...LETTERHEAD,
				bodyMd: template.body_md
			});
			const text = await pdfText(pdf, false);
			expect(text, kind).toContain('厚生労働省');
			expect(text, kind).toContain('Ministry of Health, Labour and Welfare');
			expect(text, kind).toMatch(/NGUYỄN Thị Minh Khai/);
			expect(text, kind).toContain('Specimen with sample data: not a valid document.');
			expect(text, kind).not.toMatch(/\{\{/);
		}
	});

	it('print names in Thai, Khmer, Lao and Myanmar in fonts that have every glyph', async () => {
		const names = ['นางสาว ศิริพร อรุณ', 'សុខ ដារ៉ា', 'ສົມພອນ', 'အောင်မြင့်'];
		const pdf = await renderDocumentPdf({
			title: 'Scripts',
			template: {
				body_md: '{{a}}\n\n{{b}}\n\n{{c}}\n\n{{d}}',
				issuer_en: 'Issuer',
				issuer_ja: '',
				issuer_address: '',
				signatory_name: 'A',
				signatory_title: ''
			},
			logo: null,
			signature: null,
			values: { a: names[0], b: names[1], c: names[2], d: names[3] },
			number: 'X/1',
			dateText: '1 January 2027',
			code: 'ABCDEFGHJKMN',
			verifyUrl: 'http://localhost/verify/ABCDEFGHJKMN',
			issuedAt: new Date('2027-01-01T00:00:00Z')
		});
		const fonts = await embeddedFonts(pdf);
		for (const family of ['NotoSansThai', 'NotoSansKhmer', 'NotoSansLao', 'NotoSansMyanmar']) {
			expect(
				fonts.some((f) => f.startsWith(family)),
				family
			).toBe(true);
		}
		// Each run is set in its script's font, and that font has a glyph for every character
		// (pdftotext reorders Thai marks and Khmer subscripts, so extraction is not the test here).
		for (const name of names) {
			for (const run of scriptRuns(name)) {
				const ids = fontFace(run.script)
					.glyphsForString(run.text)
					.map((g) => g.id);
				expect(ids, `${name} in ${run.script}`).not.toContain(0);
			}
		}
	});
});

describe('letterhead images and table cards', () => {
	it('print the uploaded logo and signature on the letter', async () => {
		const s = await eventWithPeople();
		const png = qrPng('logo', { width: 120 });
		const saved = await saveTemplate(
			s.organizer,
			s.event,
			'certificate',
			{ ...LETTERHEAD, bodyMd: 'Certified.' },
			{
				logo: { name: 'logo.png', bytes: png },
				signature: { name: 'signature.png', bytes: png },
				removeLogo: false,
				removeSignature: false
			}
		);
		expect(saved.logo_file_id).not.toBeNull();
		expect(saved.signature_file_id).not.toBeNull();
		const pdf = await previewTemplatePdf(s.organizer, s.event, 'certificate');
		// The QR code of the footer, the logo and the signature.
		expect((await pdfImages(pdf)).length).toBe(3);
		const next = await saveTemplate(
			s.organizer,
			s.event,
			'certificate',
			{ ...LETTERHEAD, bodyMd: 'Certified.' },
			{ logo: null, signature: null, removeLogo: true, removeSignature: false }
		);
		expect(next.logo_file_id).toBeNull();
		expect(next.signature_file_id).toBe(saved.signature_file_id);
	});

	it('table cards come in protocol order, host as the event places it', async () => {
		const s = await eventWithPeople({ country: 'JP' });
		const jp = await makeDelegation(s.event.id, 'JP', { name: 'Japan' });
		const th = await makeDelegation(s.event.id, 'TH', { name: 'Thailand' });
		const vn = await makeDelegation(s.event.id, 'VN', { name: 'Viet Nam' });
		await makeDelegation(s.event.id, 'KH', { name: 'Cambodia' });
		await makeRegistration(s.event, vn, {
			honorific: 'Ms.',
			family_name: 'Nguyễn',
			given_name: 'Thị Minh Khai'
		});
		await makeRegistration(s.event, jp, {
			honorific: 'Mr.',
			family_name: '山本',
			given_name: '博'
		});
		await makeRegistration(s.event, th, {
			honorific: 'Mr.',
			family_name: 'Jaidee',
			given_name: 'Somchai'
		});
		for (const [placement, order] of [
			['first', ['JAPAN', 'THAILAND', 'VIET NAM']],
			['last', ['THAILAND', 'VIET NAM', 'JAPAN']]
		] as const) {
			await db()
				.updateTable('events')
				.set({ host_placement: placement })
				.where('id', '=', s.event.id)
				.execute();
			const event = { ...s.event, host_placement: placement };
			const text = await pdfText(await tableCards(s.secretariat, event, 'delegations'), false);
			const pages = text.split('\f').filter((p) => p.trim());
			// Each page holds the name twice (the upper half upside down); a delegation without
			// anyone confirmed has no card.
			expect(pages.map((p) => p.trim().split('\n').at(-1)?.trim())).toEqual(order);
		}
		// A long name takes two lines on its card.
		const people = (
			await pdfText(await tableCards(s.secretariat, s.event, 'people'), false)
		).replace(/\s+/g, ' ');
		expect(people).toContain('Ms. NGUYỄN Thị Minh Khai');
		expect(people).toContain('Mr. 山本 博');
		expect((await domainError(tableCards(s.checkin, s.event, 'people'))).code).toBe('forbidden');
	});
});
