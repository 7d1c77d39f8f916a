import { formatDate, formatDayRange } from '../../time.ts';
import { now } from '../clock.ts';
import { keepUp } from './backpressure.ts';
import { newPdf, type Pdf } from './pdf.ts';
import type { DelegationGroup, ListOfParticipants, Participant } from './participants.ts';

// The List of Participants as an A4 PDF: title block, then each delegation with its people in
// two columns (name | position, organisation, e-mail), an entry never split across pages, a
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

function detailLines(person: Participant): string[] {
	return [person.position, person.organisation, person.email ? `E-mail: ${person.email}` : '']
		.map((line) => line.trim())
		.filter(Boolean);
}

type Layout = {
	/** Draws (when rendering) and returns the height used. */
	title(y: number, draw: boolean): number;
	heading(group: DelegationGroup, continued: boolean, y: number, draw: boolean): void;
	entryHeight(person: Participant): number;
	entry(person: Participant, y: number): void;
	footer(page: number, pages: number): void;
};

function layoutOf(pdf: Pdf, list: ListOfParticipants, footerLabel: string): Layout {
	const { doc } = pdf;
	const line = (text: string, y: number, draw: boolean, size: number, bold: boolean) => {
		(bold ? pdf.bold() : pdf.regular()).fontSize(size);
		if (draw) doc.text(text, LEFT, y, { width: WIDTH, align: 'center' });
		return doc.heightOfString(text, { width: WIDTH });
	};
	return {
		title(y, draw) {
			const start = y;
			doc.fillColor(INK);
			y += line('LIST OF PARTICIPANTS', y, draw, 16, true) + 6;
			y += line(list.title, y, draw, 13, true) + 4;
			doc.fillColor(MUTED);
			const when = formatDayRange(list.dates.startsOn, list.dates.endsOn);
			y += line([when, list.place].filter(Boolean).join(' · '), y, draw, 10.5, false) + 8;
			if (draw) doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.8).strokeColor('#8a96a6').stroke();
			return y + 14 - start;
		},
		heading(group, continued, y, draw) {
			if (!draw) return;
			doc.rect(LEFT, y, WIDTH, 20).fill('#e8eef6');
			pdf.bold().fontSize(11.5).fillColor(INK);
			const name = group.name.toLocaleUpperCase('en') + (continued ? ' (continued)' : '');
			doc.text(name, LEFT + 6, y + 4.5, { width: WIDTH - 12, lineBreak: false, ellipsis: true });
		},
		entryHeight(person) {
			pdf.bold().fontSize(10.5);
			let left = doc.heightOfString(person.name, { width: NAME_WIDTH });
			if (person.head) left += 13;
			pdf.regular().fontSize(9.5);
			const details = detailLines(person);
			const right = details.length
				? doc.heightOfString(details.join('\n'), { width: DETAIL_WIDTH })
				: 0;
			return Math.max(left, right) + 10;
		},
		entry(person, y) {
			pdf.bold().fontSize(10.5).fillColor(INK);
			doc.text(person.name, LEFT, y, { width: NAME_WIDTH });
			if (person.head) {
				pdf.regular().fontSize(8.5).fillColor(MUTED);
				doc.text('Head of Delegation', LEFT, doc.y + 1, { width: NAME_WIDTH });
			}
			const details = detailLines(person);
			if (details.length) {
				pdf.regular().fontSize(9.5).fillColor(INK);
				doc.text(details.join('\n'), DETAIL_X, y, { width: DETAIL_WIDTH });
			}
		},
		footer(page, pages) {
			// Writing inside the bottom margin would otherwise make pdfkit start a new page.
			const margin = doc.page.margins.bottom;
			doc.page.margins.bottom = 0;
			pdf.regular().fontSize(8.5).fillColor(MUTED);
			const y = doc.page.height - 40;
			doc.text(footerLabel, LEFT, y, { width: 380, lineBreak: false, ellipsis: true });
			doc.text(`Page ${page} of ${pages}`, RIGHT - 120, y, {
				width: 120,
				align: 'right',
				lineBreak: false
			});
			doc.page.margins.bottom = margin;
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
		pdf.regular().fontSize(11).fillColor(MUTED);
		pdf.doc.text('No participants are confirmed yet.', LEFT, y, { width: WIDTH, align: 'center' });
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
		title: `List of Participants — ${list.title}`,
		margins: { top: TOP, bottom: 64, left: LEFT, right: 56 }
	});
	const label = `${meta.code} · List of Participants · as of ${formatDate(now(), meta.timeZone)}`;
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
