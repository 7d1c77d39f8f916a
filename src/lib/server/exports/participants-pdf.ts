import { formatDate, formatDayRange } from '../../time.ts';
import { now } from '../clock.ts';
import { newPdf } from './pdf.ts';
import type { DelegationGroup, ListOfParticipants, Participant } from './participants.ts';

// The List of Participants as an A4 PDF: title block, then each delegation with its people in
// two columns (name | position, organisation, e-mail), an entry never split across pages, a
// delegation heading repeated "(continued)" on a new page, and "Page n of N" on every page.

const LEFT = 56;
const RIGHT = 595.28 - 56;
const NAME_WIDTH = 190;
const DETAIL_X = LEFT + NAME_WIDTH + 14;
const DETAIL_WIDTH = RIGHT - DETAIL_X;
const BOTTOM = 841.89 - 64;
const INK = '#1a2433';
const MUTED = '#4f5b6b';

/** The document, streamed; `code` and `timeZone` go into the footer's "as of" line. */
export function participantsPdf(
	list: ListOfParticipants,
	meta: { code: string; timeZone: string }
): ReadableStream<Uint8Array> {
	const pdf = newPdf({
		title: `List of Participants — ${list.title}`,
		margins: { top: 56, bottom: 64, left: LEFT, right: 56 },
		bufferPages: true
	});
	const { doc } = pdf;

	function titleBlock() {
		pdf.bold().fontSize(16).fillColor(INK);
		doc.text('LIST OF PARTICIPANTS', LEFT, 56, { width: RIGHT - LEFT, align: 'center' });
		doc.moveDown(0.4);
		pdf
			.bold()
			.fontSize(13)
			.text(list.title, { width: RIGHT - LEFT, align: 'center' });
		doc.moveDown(0.3);
		const when = formatDayRange(list.dates.startsOn, list.dates.endsOn);
		pdf.regular().fontSize(10.5).fillColor(MUTED);
		doc.text([when, list.place].filter(Boolean).join(' · '), {
			width: RIGHT - LEFT,
			align: 'center'
		});
		doc.moveDown(0.6);
		const rule = doc.y;
		doc.moveTo(LEFT, rule).lineTo(RIGHT, rule).lineWidth(0.8).strokeColor('#8a96a6').stroke();
		doc.y = rule + 14;
	}

	function entryHeight(person: Participant): number {
		pdf.bold().fontSize(10.5);
		let left = doc.heightOfString(person.name, { width: NAME_WIDTH });
		if (person.head) left += 13;
		pdf.regular().fontSize(9.5);
		const details = detailLines(person);
		const right = details.length
			? doc.heightOfString(details.join('\n'), { width: DETAIL_WIDTH })
			: 0;
		return Math.max(left, right) + 10;
	}

	function heading(group: DelegationGroup, continued: boolean) {
		const y = doc.y;
		doc.rect(LEFT, y, RIGHT - LEFT, 20).fill('#e8eef6');
		pdf.bold().fontSize(11.5).fillColor(INK);
		doc.text(
			`${group.name.toLocaleUpperCase('en')}${continued ? ' (continued)' : ''}`,
			LEFT + 6,
			y + 4.5,
			{
				width: RIGHT - LEFT - 12,
				lineBreak: false,
				ellipsis: true
			}
		);
		doc.y = y + 28;
	}

	function entry(person: Participant, y: number) {
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
	}

	titleBlock();
	if (list.groups.length === 0) {
		pdf.regular().fontSize(11).fillColor(MUTED);
		doc.text('No participants are confirmed yet.', LEFT, doc.y, {
			width: RIGHT - LEFT,
			align: 'center'
		});
	}
	for (const group of list.groups) {
		// A heading never sits alone at the foot of a page.
		if (doc.y + 28 + entryHeight(group.participants[0]) > BOTTOM) doc.addPage();
		heading(group, false);
		for (const person of group.participants) {
			const height = entryHeight(person);
			if (doc.y + height > BOTTOM) {
				doc.addPage();
				heading(group, true);
			}
			const y = doc.y;
			entry(person, y);
			doc.y = y + height;
		}
		doc.y += 6;
	}
	footers(
		pdf.doc,
		`${meta.code} · List of Participants · as of ${formatDate(now(), meta.timeZone)}`
	);
	doc.end();
	return pdf.body;
}

function detailLines(person: Participant): string[] {
	return [person.position, person.organisation, person.email ? `E-mail: ${person.email}` : '']
		.map((line) => line.trim())
		.filter(Boolean);
}

/** "Page n of N" and a label at the foot of every buffered page. */
function footers(doc: PDFKit.PDFDocument, label: string) {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		// Writing inside the bottom margin would otherwise make pdfkit start a new page.
		const margin = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.font('regular').fontSize(8.5).fillColor(MUTED);
		const y = doc.page.height - 40;
		doc.text(label, LEFT, y, { width: 380, lineBreak: false, ellipsis: true });
		doc.text(`Page ${i + 1} of ${range.count}`, RIGHT - 120, y, {
			width: 120,
			align: 'right',
			lineBreak: false
		});
		doc.page.margins.bottom = margin;
	}
}
