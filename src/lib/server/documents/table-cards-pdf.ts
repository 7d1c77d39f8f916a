import { delegationNameIn, officialLocale } from '../../domain/translations.ts';
import PDFDocument from 'pdfkit';
import { listName } from '../../domain/person-name.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { drawText, layoutText, type TextBox } from '../exports/pdf-text.ts';
import { orderDelegations } from '../exports/participants.ts';
import { NAME_COLUMNS } from '../registrations/person-columns.ts';
import { registerSharedFonts, SHARED_FONT_OPTIONS } from './shared-fonts.ts';

// Table cards on A4 landscape, folded along the middle into a tent: the same text on both halves,
// the upper one upside down so each side of the table reads it. One card per delegation
// ("THAILAND", the name as ASEAN writes it) and one per confirmed person (title and name), in
// the List of Participants' order (host and organisations placed as the event says).

const PAGE = { width: 841.89, height: 595.28 };
const HALF = PAGE.height / 2;
const PAD = 48;

type Card = { main: string; sub: string };

function fit(doc: PDFKit.PDFDocument, text: string, max: number, width: number): TextBox {
	for (let size = max; size >= 16; size -= 2) {
		const box = layoutText(doc, text, { size, weight: 'bold' }, width, { breakWords: false });
		if (box.whole && box.lines.length <= 2 && box.height <= HALF - 2 * PAD - 30) return box;
	}
	return layoutText(doc, text, { size: 16, weight: 'bold' }, width, { maxLines: 3 });
}

function drawHalf(doc: PDFKit.PDFDocument, card: Card) {
	const width = PAGE.width - 2 * PAD;
	const main = fit(doc, card.main, 96, width);
	const sub = card.sub ? layoutText(doc, card.sub, { size: 20 }, width, { maxLines: 2 }) : null;
	const total = main.height + (sub ? 12 + sub.height : 0);
	let y = HALF + (HALF - total) / 2;
	doc.fillColor('#1a2433');
	y += drawText(doc, main, PAD, y, width, 'center');
	if (sub) {
		doc.fillColor('#4f5b6b');
		drawText(doc, sub, PAD, y + 12, width, 'center');
	}
}

function drawCard(doc: PDFKit.PDFDocument, card: Card) {
	doc
		.save()
		.dash(4, { space: 4 })
		.lineWidth(0.5)
		.strokeColor('#9aa5b4')
		.moveTo(0, HALF)
		.lineTo(PAGE.width, HALF)
		.stroke()
		.undash()
		.restore();
	drawHalf(doc, card);
	doc.save().rotate(180, { origin: [PAGE.width / 2, HALF] });
	drawHalf(doc, card);
	doc.restore();
}

/** The cards of an event: delegations, then people, in protocol order. */
async function cards(event: Event, which: 'delegations' | 'people'): Promise<Card[]> {
	const [delegations, people] = await Promise.all([
		db().selectFrom('delegations').selectAll().where('event_id', '=', event.id).execute(),
		db()
			.selectFrom('registrations as r')
			.select(['r.delegation_id', ...NAME_COLUMNS])
			.where('r.event_id', '=', event.id)
			.where('r.status', '=', 'confirmed')
			.orderBy('r.delegation_id')
			.orderBy((eb) => eb('r.category', '=', 'head_of_delegation'), 'desc')
			.orderBy('r.sort_name')
			.orderBy('r.id')
			.execute()
	]);
	const present = new Set(people.map((p) => p.delegation_id));
	// Named and ordered as the event's official language writes them.
	const locale = officialLocale(event);
	const ordered = orderDelegations(
		delegations
			.filter((d) => present.has(d.id))
			.map((d) => ({ ...d, name: delegationNameIn(d, locale) })),
		event,
		locale
	);
	if (which === 'delegations') {
		return ordered.map((d) => ({ main: d.name.toLocaleUpperCase(locale), sub: '' }));
	}
	const byDelegation = Map.groupBy(people, (p) => p.delegation_id);
	return ordered.flatMap((d) =>
		(byDelegation.get(d.id) ?? []).map((p) => ({ main: listName(p), sub: d.name }))
	);
}

/** The table cards PDF of an event. */
export async function tableCardsPdf(
	event: Event,
	which: 'delegations' | 'people'
): Promise<Buffer> {
	const list = await cards(event, which);
	const doc = new PDFDocument({
		...SHARED_FONT_OPTIONS,
		size: 'A4',
		layout: 'landscape',
		margin: 0,
		autoFirstPage: false,
		info: { Title: `Table cards — ${event.title}`, Creator: 'Kaigi' },
		lang: 'en'
	});
	registerSharedFonts(doc);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	if (list.length === 0) {
		doc.addPage();
		drawText(
			doc,
			layoutText(
				doc,
				'No confirmed participants yet: there are no table cards to print.',
				{ size: 16 },
				PAGE.width - 2 * PAD
			),
			PAD,
			PAD,
			PAGE.width - 2 * PAD
		);
	}
	for (const card of list) {
		doc.addPage();
		drawCard(doc, card);
	}
	doc.end();
	return done;
}
