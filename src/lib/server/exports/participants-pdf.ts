import { formatDate, formatDayRange } from '../../time.ts';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../i18n/locales.ts';
import { now } from '../clock.ts';
import { keepUp } from './backpressure.ts';
import { newPdf, type Pdf } from './pdf.ts';
import { drawText, layoutText, writeText, type TextBox } from './pdf-text.ts';
import type { DelegationGroup, ListOfParticipants, Participant } from './participants.ts';

// The List of Participants as an A4 PDF: title block, then each delegation with its people in
// two columns (name and the name in its own script | position, organisation, e-mail), every
// script in its own font (pdf-text.ts), an entry never split across pages, a
// delegation heading repeated "(continued)" on a new page, and "Page n of N" on every page.
// The layout runs twice: a dry run that only measures, to know N, then the real one, which
// streams each page as it is finished (buffering pages for N took 800 MB for 43 000 people).

const LEFT = 56;
const RIGHT = 595.28 - 56;
const WIDTH = RIGHT - LEFT;
const TOP = 56;
const NAME_WIDTH = 190;
const DETAIL_X = LEFT + NAME_WIDTH + 14;
const DETAIL_WIDTH = RIGHT - DETAIL_X;
const BOTTOM = 841.89 - 64;
const HEADING = 28;
const INK = '#1a2433';
const MUTED = '#4f5b6b';

function detailLines(person: Participant, o: { locale: Locale }): string {
	return [
		person.position,
		person.organisation,
		person.email ? m.lop_email({ email: person.email }, o) : ''
	]
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n');
}

const NAME = { size: 10.5, weight: 'bold' } as const;
const NATIVE = { size: 10 } as const;
const NOTE = { size: 8.5 } as const;
const DETAIL = { size: 9.5 } as const;

type Layout = {
	/** Draws (when rendering) and returns the height used. */
	title(y: number, draw: boolean): number;
	heading(group: DelegationGroup, continued: boolean, y: number, draw: boolean): void;
	entryHeight(person: Participant): number;
	entry(person: Participant, y: number): void;
	footer(page: number, pages: number): void;
};

/** The name column: name, the name in its own script when given, the head's note. */
function nameColumn(
	doc: PDFKit.PDFDocument,
	person: Participant,
	o: { locale: Locale }
): TextBox[] {
	const boxes = [layoutText(doc, person.name, NAME, NAME_WIDTH)];
	if (person.nativeName) boxes.push(layoutText(doc, person.nativeName, NATIVE, NAME_WIDTH));
	if (person.head) boxes.push(layoutText(doc, m.lop_head({}, o), NOTE, NAME_WIDTH));
	return boxes;
}

function layoutOf(pdf: Pdf, list: ListOfParticipants, footerLabel: string): Layout {
	const { doc } = pdf;
	const o = { locale: list.language };
	const line = (text: string, y: number, draw: boolean, size: number, bold: boolean) => {
		const box = layoutText(doc, text, { size, weight: bold ? 'bold' : 'regular' }, WIDTH);
		if (draw) drawText(doc, box, LEFT, y, WIDTH, 'center');
		return box.height;
	};
	return {
		title(y, draw) {
			const start = y;
			doc.fillColor(INK);
			y += line(m.lop_kicker({}, o).toLocaleUpperCase('en'), y, draw, 16, true) + 6;
			y += line(list.title, y, draw, 13, true) + 4;
			doc.fillColor(MUTED);
			const when = formatDayRange(list.dates.startsOn, list.dates.endsOn, o.locale);
			y += line([when, list.place].filter(Boolean).join(' · '), y, draw, 10.5, false) + 8;
			if (draw) doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.8).strokeColor('#8a96a6').stroke();
			return y + 14 - start;
		},
		heading(group, continued, y, draw) {
			if (!draw) return;
			doc.rect(LEFT, y, WIDTH, 20).fill('#e8eef6');
			doc.fillColor(INK);
			const name = group.name.toLocaleUpperCase('en') + (continued ? m.lop_continued({}, o) : '');
			const box = layoutText(doc, name, { size: 11.5, weight: 'bold' }, WIDTH - 12, {
				maxLines: 1
			});
			drawText(doc, box, LEFT + 6, y + 10 - box.height / 2, WIDTH - 12);
		},
		entryHeight(person) {
			const left = nameColumn(doc, person, o).reduce((sum, box) => sum + box.height + 1, 0);
			const details = detailLines(person, o);
			const right = details ? layoutText(doc, details, DETAIL, DETAIL_WIDTH).height : 0;
			return Math.max(left, right) + 10;
		},
		entry(person, y) {
			let top = y;
			nameColumn(doc, person, o).forEach((box, index) => {
				doc.fillColor(index === 0 ? INK : MUTED);
				top += drawText(doc, box, LEFT, top, NAME_WIDTH) + 1;
			});
			const details = detailLines(person, o);
			if (details) {
				doc.fillColor(INK);
				writeText(doc, details, DETAIL, DETAIL_X, y, DETAIL_WIDTH);
			}
		},
		footer(page, pages) {
			doc.fillColor(MUTED);
			const y = doc.page.height - 40;
			writeText(doc, footerLabel, NOTE, LEFT, y, 380, { maxLines: 1 });
			writeText(doc, m.lop_page({ page, pages }, o), NOTE, RIGHT - 120, y, 120, {
				align: 'right'
			});
		}
	};
}

/**
 * Lays the list out; with `pages` it draws (footers say "of pages") and waits for the reader at
 * each page, without it only measures. Returns the number of pages.
 */
async function run(pdf: Pdf, list: ListOfParticipants, layout: Layout, pages?: number) {
	const draw = pages !== undefined;
	let page = 1;
	let y = TOP + layout.title(TOP, draw);
	const newPage = async () => {
		if (pages !== undefined) {
			layout.footer(page, pages);
			pdf.doc.addPage();
			if (!(await keepUp(pdf.output))) throw new Error('download closed');
		}
		page++;
		y = TOP;
	};
	if (list.groups.length === 0 && draw) {
		pdf.doc.fillColor(MUTED);
		writeText(pdf.doc, m.lop_none({}, { locale: list.language }), { size: 11 }, LEFT, y, WIDTH, {
			align: 'center'
		});
	}
	for (const group of list.groups) {
		// A heading never sits alone at the foot of a page.
		if (y + HEADING + layout.entryHeight(group.participants[0]) > BOTTOM) await newPage();
		layout.heading(group, false, y, draw);
		y += HEADING;
		for (const person of group.participants) {
			const height = layout.entryHeight(person);
			if (y + height > BOTTOM) {
				await newPage();
				layout.heading(group, true, y, draw);
				y += HEADING;
			}
			if (draw) layout.entry(person, y);
			y += height;
		}
		y += 6;
	}
	if (pages !== undefined) layout.footer(page, pages);
	return page;
}

/** The document, streamed; `code` and `timeZone` go into the footer's "as of" line. */
export function participantsPdf(
	list: ListOfParticipants,
	meta: { code: string; timeZone: string }
): ReadableStream<Uint8Array> {
	const pdf = newPdf({
		title: `${m.lop_kicker({}, { locale: list.language })} — ${list.title}`,
		margins: { top: TOP, bottom: 64, left: LEFT, right: 56 }
	});
	const o = { locale: list.language };
	const asOf = formatDate(now(), meta.timeZone, {}, o.locale);
	const label = `${meta.code} · ${m.lop_kicker({}, o)} · ${m.lop_as_of({ date: asOf }, o)}`;
	const layout = layoutOf(pdf, list, label);
	(async () => {
		const pages = await run(pdf, list, layout);
		await run(pdf, list, layout, pages);
	})().then(
		() => pdf.doc.end(),
		(error: unknown) => {
			if (!pdf.output.destroyed) pdf.output.destroy(error as Error);
		}
	);
	return pdf.body;
}
