import PDFDocument from 'pdfkit';
import { fontName, SCRIPTS, scriptRuns, type Script } from '../exports/pdf-fonts.ts';
import { registerSharedFonts, SHARED_FONT_OPTIONS } from './shared-fonts.ts';
import { layoutText, drawText, writeText } from '../exports/pdf-text.ts';
import { MM } from '../exports/pdf.ts';
import { qrPng } from '../qr/qr-png.ts';
import { markdownBlocks } from './markdown-blocks.ts';
import { fillPlaceholders } from './placeholders.ts';
import { formatCode } from './verification-code.ts';

// One official document as a PDF: the letterhead (logo, issuing body in English and Japanese),
// number and date, the body from the template with its placeholders filled, the signature, and
// a footer with the verification code and a QR code to /verify/[code]. The same inputs give the
// same bytes (the creation date is the issue date), so a re-download is identical.

export type LetterTemplate = {
	body_md: string;
	issuer_en: string;
	issuer_ja: string;
	issuer_address: string;
	signatory_name: string;
	signatory_title: string;
};

export type DocumentPdfInput = {
	title: string;
	template: LetterTemplate;
	logo: Uint8Array | null;
	signature: Uint8Array | null;
	values: Record<string, string>;
	number: string;
	dateText: string;
	code: string;
	verifyUrl: string;
	issuedAt: Date;
	/** A preview: "SPECIMEN" across the page, no real code. */
	specimen?: boolean;
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - 40 * MM;
const INK = '#1a2433';
const MUTED = '#4f5b6b';

/**
 * Opens the fonts of every script the document prints, in one fixed order, before drawing: pdfkit
 * numbers fonts as they are first opened, and the text measurer opens them only when a width is
 * not cached yet, so without this the same document could come out with other font numbers.
 */
function openFonts(doc: PDFKit.PDFDocument, texts: string[]) {
	const used = new Set<Script>(['latin']);
	for (const text of texts) for (const run of scriptRuns(text)) used.add(run.script);
	for (const script of SCRIPTS) {
		if (!used.has(script)) continue;
		for (const weight of ['regular', 'bold'] as const) doc.font(fontName(script, weight));
	}
	doc.font(fontName('latin', 'regular'));
}

function newDocument(title: string, at: Date): PDFKit.PDFDocument {
	const doc = new PDFDocument({
		...SHARED_FONT_OPTIONS,
		size: 'A4',
		margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
		info: { Title: title, Creator: 'Kaigi', Producer: 'Kaigi', CreationDate: at },
		lang: 'en',
		displayTitle: true
	});
	registerSharedFonts(doc);
	doc.font(fontName('latin', 'regular'));
	return doc;
}

function image(
	doc: PDFKit.PDFDocument,
	bytes: Uint8Array,
	x: number,
	y: number,
	h: number,
	w: number
) {
	doc.image(Buffer.from(bytes), x, y, { fit: [w, h] });
}

function letterhead(doc: PDFKit.PDFDocument, input: DocumentPdfInput): number {
	const t = input.template;
	let left = MARGIN;
	if (input.logo) {
		image(doc, input.logo, MARGIN, MARGIN, 18 * MM, 18 * MM);
		left += 22 * MM;
	}
	const width = PAGE.width - MARGIN - left;
	let y = MARGIN;
	doc.fillColor(INK);
	if (t.issuer_ja.trim())
		y += writeText(doc, t.issuer_ja.trim(), { size: 13, weight: 'bold' }, left, y, width);
	y += writeText(doc, t.issuer_en, { size: 13, weight: 'bold' }, left, y, width);
	if (t.issuer_address.trim()) {
		doc.fillColor(MUTED);
		y += 2 + writeText(doc, t.issuer_address.trim(), { size: 8.5 }, left, y + 2, width);
	}
	y = Math.max(y, input.logo ? MARGIN + 18 * MM : y) + 6;
	doc
		.save()
		.moveTo(MARGIN, y)
		.lineTo(PAGE.width - MARGIN, y)
		.lineWidth(0.8)
		.strokeColor('#1d4e89')
		.stroke()
		.restore();
	y += 10;
	doc.fillColor(INK);
	writeText(doc, `No. ${input.number}`, { size: 9.5 }, MARGIN, y, WIDTH / 2);
	writeText(doc, input.dateText, { size: 9.5 }, MARGIN + WIDTH / 2, y, WIDTH / 2, {
		align: 'right'
	});
	return y + 28;
}

function footer(doc: PDFKit.PDFDocument, input: DocumentPdfInput) {
	const size = 22 * MM;
	const top = PAGE.height - MARGIN - size + 10;
	doc.image(qrPng(input.verifyUrl, { width: 200, margin: 1 }), PAGE.width - MARGIN - size, top, {
		width: size,
		height: size
	});
	doc.fillColor(MUTED);
	const text = input.specimen
		? 'Specimen with sample data: not a valid document.'
		: `Verification code ${formatCode(input.code)}. Check this document at ${input.verifyUrl}`;
	writeText(doc, text, { size: 8 }, MARGIN, top + size - 22, WIDTH - size - 12);
}

/** Renders a document to PDF bytes. */
export function renderDocumentPdf(input: DocumentPdfInput): Promise<Buffer> {
	const doc = newDocument(input.title, input.issuedAt);
	openFonts(doc, [
		...Object.values(input.template),
		...Object.values(input.values),
		input.number,
		input.dateText
	]);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	if (input.specimen) {
		doc
			.save()
			.fillColor('#d5dbe3')
			.fontSize(90)
			.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
		doc
			.font(fontName('latin', 'bold'))
			.text('SPECIMEN', 60, PAGE.height / 2 - 50, { lineBreak: false });
		doc.restore();
	}
	let y = letterhead(doc, input);
	const ensure = (height: number) => {
		if (y + height > BOTTOM) {
			footer(doc, input);
			doc.addPage();
			y = MARGIN;
		}
	};
	let previous: string | null = null;
	for (const block of markdownBlocks(input.template.body_md)) {
		const text = fillPlaceholders(block.text, input.values);
		const style =
			block.kind === 'heading'
				? { size: 14, weight: 'bold' as const }
				: { size: 11, weight: block.bold ? ('bold' as const) : ('regular' as const) };
		const indent = block.kind === 'item' ? 14 : 0;
		// A list ends with the space a paragraph would leave.
		if (previous === 'item' && block.kind !== 'item') y += 6;
		previous = block.kind;
		const box = layoutText(doc, text, style, WIDTH - indent);
		ensure(box.height);
		doc.fillColor(INK);
		if (block.kind === 'item') writeText(doc, '•', style, MARGIN, y, 10);
		if (block.kind === 'heading') drawText(doc, box, MARGIN, y, WIDTH, 'center');
		else drawText(doc, box, MARGIN + indent, y, WIDTH - indent);
		y += box.height + (block.kind === 'item' ? 3 : 9);
	}
	ensure(30 * MM);
	y += 6;
	if (input.signature) {
		image(doc, input.signature, MARGIN, y, 16 * MM, 50 * MM);
		y += 17 * MM;
	} else y += 12 * MM;
	doc.fillColor(INK);
	y += writeText(
		doc,
		input.template.signatory_name,
		{ size: 11, weight: 'bold' },
		MARGIN,
		y,
		WIDTH / 2
	);
	if (input.template.signatory_title.trim()) {
		writeText(doc, input.template.signatory_title, { size: 10 }, MARGIN, y, WIDTH / 2);
	}
	footer(doc, input);
	doc.end();
	return done;
}
