import { sql } from 'kysely';
import QRCode from 'qrcode';
import { categoryLabelIn } from '../../domain/category.ts';
import { officialLocale } from '../../domain/translations.ts';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { badgeName } from '../../domain/person-name.ts';
import type { AttendeeFilter } from '../attendees/attendee-filter.ts';
import { exportOrderExpressions, filteredRegistrations } from '../attendees/attendee.repository.ts';
import { db } from '../db/database.ts';
import type { Category } from '../db/schema.ts';
import { keepUp } from './backpressure.ts';
import { cursorBatches } from './cursor.ts';
import { MM, newPdf, type Pdf } from './pdf.ts';
import { drawText, layoutText, writeText, type TextBox } from './pdf-text.ts';
import {
	DELEGATION_NAME_COLUMNS,
	delegationOfRow,
	NAME_COLUMNS
} from '../registrations/person-columns.ts';

// Name badges on A4: four per page, each 90 × 130 mm — the insert of the common 90 × 130 mm
// (A6-style) conference badge holders — with dashed cut lines. The category is a coloured band
// with its name written in it (never colour alone), and a QR code of the reference serves
// check-in at the door.

export const BADGE = { width: 90 * MM, height: 130 * MM, perPage: 4 };
const PAGE = { width: 595.28, height: 841.89 };
const ORIGIN_X = (PAGE.width - 2 * BADGE.width) / 2;
const ORIGIN_Y = (PAGE.height - 2 * BADGE.height) / 2;
const PAD = 8 * MM;
const BAND = 18 * MM;
const QR = 28 * MM;

/** Band colours; white text on each has a contrast ratio of at least 4.5:1. */
export const CATEGORY_COLOURS: Record<Category, string> = {
	head_of_delegation: '#8b1e3f',
	delegate: '#1d4e89',
	observer: '#1f6b3a',
	resource_person: '#5b3a8c',
	secretariat: '#333f4f',
	press: '#a14a17'
};

type BadgeRow = {
	badge_name: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	native_name: string | null;
	organisation: string;
	category: Category;
	reference: string;
	delegation: string;
	/** The badge photo (a 3:4 JPEG), where the event asks for one and it was given. */
	photo: Uint8Array | null;
};

function badgeQuery(eventId: number, filter: AttendeeFilter) {
	let qb = filteredRegistrations(db(), eventId, filter)
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([
			'r.badge_name',
			...NAME_COLUMNS,
			'r.native_name',
			'r.organisation',
			'r.category',
			'r.reference',
			...DELEGATION_NAME_COLUMNS,
			sql<Uint8Array | null>`(
				select f.bytes from badge_photos p join files f on f.id = p.file_id
				where p.registration_id = r.id)`.as('photo')
		]);
	for (const expression of exportOrderExpressions(filter.sort))
		qb = qb.orderBy(expression, filter.dir);
	return qb;
}

/**
 * The name at the largest size, from 26 pt down, at which it fits in two lines without a word
 * broken; a name too long even at 9 pt is broken between characters rather than cut.
 */
export function fitName(doc: PDFKit.PDFDocument, name: string, width: number): TextBox {
	for (let size = 26; size >= 9; size -= 1) {
		const box = layoutText(doc, name, { size, weight: 'bold' }, width, { breakWords: false });
		if (box.whole && box.lines.length <= 2) return box;
	}
	return layoutText(doc, name, { size: 9, weight: 'bold' }, width, { maxLines: 3 });
}

/** A one-line text at the largest size from `size` down to `min`, else on two lines. */
function fitLine(doc: PDFKit.PDFDocument, text: string, size: number, min: number, width: number) {
	for (let s = size; s >= min; s -= 0.5) {
		const box = layoutText(doc, text, { size: s }, width, { breakWords: false, maxLines: 1 });
		if (box.whole) return box;
	}
	return layoutText(doc, text, { size: min }, width, { maxLines: 2 });
}

async function drawBadge(
	pdf: Pdf,
	badge: BadgeRow,
	title: string,
	x: number,
	y: number,
	locale: Locale
) {
	const { doc } = pdf;
	const inner = BADGE.width - 2 * PAD;
	doc
		.save()
		.dash(3, { space: 3 })
		.lineWidth(0.5)
		.strokeColor('#9aa5b4')
		.rect(x, y, BADGE.width, BADGE.height)
		.stroke()
		.undash()
		.restore();
	doc.fillColor('#4f5b6b');
	writeText(doc, title, { size: 8.5, weight: 'bold' }, x + PAD, y + 9 * MM, inner, {
		align: 'center',
		maxLines: 2
	});

	// Honorific (as the person gave it), name, name in their own script, delegation and
	// organisation, centred between the title and the QR code.
	const honorific = badge.honorific?.trim();
	const boxes: Array<{ box: TextBox; colour: string; gap: number }> = [];
	if (honorific) {
		boxes.push({ box: layoutText(doc, honorific, { size: 12 }, inner), colour: '#1a2433', gap: 0 });
	}
	boxes.push({ box: fitName(doc, badgeName(badge), inner), colour: '#1a2433', gap: 0 });
	const native = badge.native_name?.trim();
	if (native) boxes.push({ box: fitLine(doc, native, 15, 8, inner), colour: '#1a2433', gap: 3 });
	boxes.push({
		box: layoutText(doc, badge.delegation, { size: 13 }, inner, { maxLines: 2 }),
		colour: '#1a2433',
		gap: 6
	});
	if (badge.organisation) {
		boxes.push({
			box: layoutText(doc, badge.organisation, { size: 8.5 }, inner, { maxLines: 2 }),
			colour: '#4f5b6b',
			gap: 3
		});
	}
	const bandTop = y + BADGE.height - BAND;
	const qrTop = bandTop - 5 * MM - QR;
	const top = y + 22 * MM;
	const block = boxes.reduce((sum, b) => sum + b.gap + b.box.height, 0);
	let at = top + Math.max(0, (qrTop - 4 * MM - top - block) / 2);
	for (const { box, colour, gap } of boxes) {
		doc.fillColor(colour);
		at += gap + drawText(doc, box, x + PAD, at + gap, inner, 'center');
	}

	const qr = await QRCode.toBuffer(badge.reference, {
		type: 'png',
		errorCorrectionLevel: 'M',
		margin: 1,
		width: 240
	});
	// With a photo, the photo (3:4, as tall as the QR code) on the left and the code on the right:
	// the door sees the face beside the code it scans.
	const qrX = badge.photo ? x + BADGE.width - PAD - QR : x + (BADGE.width - QR) / 2;
	if (badge.photo) {
		const photoWidth = (QR * 3) / 4;
		doc.image(Buffer.from(badge.photo), x + PAD, qrTop, { width: photoWidth, height: QR });
		doc
			.save()
			.lineWidth(0.5)
			.strokeColor('#9aa5b4')
			.rect(x + PAD, qrTop, photoWidth, QR)
			.stroke()
			.restore();
	}
	doc.image(qr, qrX, qrTop, { width: QR, height: QR });
	doc.fillColor('#1a2433');
	// The reference under the code, on one line: beside a photo it has the width right of the
	// photo, else the badge's (a long event code must not wrap it into two pieces).
	const photoSpace = badge.photo ? (QR * 3) / 4 + 4 : 0;
	writeText(
		doc,
		badge.reference,
		{ size: 8 },
		x + PAD + photoSpace,
		qrTop + QR + 1.5,
		inner - photoSpace,
		{
			align: 'center'
		}
	);

	doc.rect(x, bandTop, BADGE.width, BAND).fill(CATEGORY_COLOURS[badge.category]);
	doc.fillColor('#ffffff');
	const band = layoutText(
		doc,
		categoryLabelIn(badge.category, locale).toLocaleUpperCase('en'),
		{ size: 13, weight: 'bold' },
		inner,
		{ maxLines: 1 }
	);
	drawText(doc, band, x + PAD, bandTop + (BAND - band.height) / 2, inner, 'center');
}

async function drawAll(
	pdf: Pdf,
	event: { id: number; title: string; official_language: string },
	filter: AttendeeFilter
) {
	const { id: eventId, title } = event;
	const locale = officialLocale(event);
	let index = 0;
	for await (const batch of cursorBatches(badgeQuery(eventId, filter), 200)) {
		for (const badge of batch) {
			const slot = index % BADGE.perPage;
			if (slot === 0 && index > 0) pdf.doc.addPage();
			const x = ORIGIN_X + (slot % 2) * BADGE.width;
			const y = ORIGIN_Y + Math.floor(slot / 2) * BADGE.height;
			// The delegation as the event's official language names it.
			const delegation = delegationOfRow(badge, locale);
			await drawBadge(pdf, { ...badge, delegation }, title, x, y, locale);
			index++;
		}
		// Stop reading when the download was closed; wait when the reader is slower than us.
		if (!(await keepUp(pdf.output))) return;
	}
	if (index === 0) {
		pdf.doc.fillColor('#4f5b6b');
		writeText(pdf.doc, m.badges_none({}, { locale }), { size: 12 }, 56, 80, PAGE.width - 112);
	}
}

/** Badges of the filtered registrations, streamed page by page. */
export function badgesPdf(
	event: { id: number; title: string; official_language: string },
	filter: AttendeeFilter
): ReadableStream<Uint8Array> {
	const pdf = newPdf({
		title: `${m.badges_title({}, { locale: officialLocale(event) })} — ${event.title}`,
		margins: { top: 0, bottom: 0, left: 0, right: 0 }
	});
	drawAll(pdf, event, filter).then(
		() => pdf.doc.end(),
		(error: unknown) => {
			if (!pdf.output.destroyed) pdf.output.destroy(error as Error);
		}
	);
	return pdf.body;
}
