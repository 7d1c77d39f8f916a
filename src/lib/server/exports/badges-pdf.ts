import QRCode from 'qrcode';
import { categoryLabel } from '../../domain/category.ts';
import { badgeName } from '../../domain/person-name.ts';
import type { AttendeeFilter } from '../attendees/attendee-filter.ts';
import { exportOrderExpressions, filteredRegistrations } from '../attendees/attendee.repository.ts';
import { db } from '../db/database.ts';
import type { Category } from '../db/schema.ts';
import { keepUp } from './backpressure.ts';
import { cursorBatches } from './cursor.ts';
import { MM, newPdf, type Pdf } from './pdf.ts';

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
	given_name: string | null;
	family_name: string;
	organisation: string;
	category: Category;
	reference: string;
	delegation: string;
};

function badgeQuery(eventId: number, filter: AttendeeFilter) {
	let qb = filteredRegistrations(db(), eventId, filter)
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([
			'r.badge_name',
			'r.given_name',
			'r.family_name',
			'r.organisation',
			'r.category',
			'r.reference',
			'd.name as delegation'
		]);
	for (const expression of exportOrderExpressions(filter.sort))
		qb = qb.orderBy(expression, filter.dir);
	return qb;
}

/** The largest size, from 26 pt down, at which the name fits in two lines. */
function fitName(pdf: Pdf, name: string, width: number): number {
	pdf.bold();
	for (let size = 26; size > 12; size -= 1) {
		pdf.doc.fontSize(size);
		if (pdf.doc.heightOfString(name, { width }) <= size * 1.25 * 2) return size;
	}
	return 12;
}

async function drawBadge(pdf: Pdf, badge: BadgeRow, title: string, x: number, y: number) {
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
	pdf.bold().fontSize(8.5).fillColor('#4f5b6b');
	doc.text(title, x + PAD, y + 9 * MM, {
		width: inner,
		align: 'center',
		height: 24,
		ellipsis: true
	});

	// Name, delegation and organisation, centred between the title and the QR code.
	const name = badgeName(badge);
	const size = fitName(pdf, name, inner);
	const nameHeight = doc.fontSize(size).heightOfString(name, { width: inner });
	pdf.regular().fontSize(13);
	const delegationHeight = doc.heightOfString(badge.delegation, { width: inner });
	pdf.regular().fontSize(8.5);
	const organisationHeight = badge.organisation
		? Math.min(22, doc.heightOfString(badge.organisation, { width: inner })) + 3
		: 0;
	const bandTop = y + BADGE.height - BAND;
	const qrTop = bandTop - 5 * MM - QR;
	const top = y + 22 * MM;
	const block = nameHeight + 6 + delegationHeight + organisationHeight;
	const start = top + Math.max(0, (qrTop - 4 * MM - top - block) / 2);
	pdf.bold().fontSize(size).fillColor('#1a2433');
	doc.text(name, x + PAD, start, { width: inner, align: 'center' });
	pdf.regular().fontSize(13).fillColor('#1a2433');
	doc.text(badge.delegation, x + PAD, doc.y + 6, { width: inner, align: 'center' });
	if (badge.organisation) {
		pdf.regular().fontSize(8.5).fillColor('#4f5b6b');
		doc.text(badge.organisation, x + PAD, doc.y + 3, {
			width: inner,
			align: 'center',
			height: 22,
			ellipsis: true
		});
	}

	const qr = await QRCode.toBuffer(badge.reference, {
		type: 'png',
		errorCorrectionLevel: 'M',
		margin: 1,
		width: 240
	});
	doc.image(qr, x + (BADGE.width - QR) / 2, qrTop, { width: QR, height: QR });
	pdf.regular().fontSize(8).fillColor('#1a2433');
	doc.text(badge.reference, x + PAD, qrTop + QR + 1.5, {
		width: inner,
		align: 'center',
		lineBreak: false
	});

	doc.rect(x, bandTop, BADGE.width, BAND).fill(CATEGORY_COLOURS[badge.category]);
	pdf.bold().fontSize(13).fillColor('#ffffff');
	doc.text(categoryLabel(badge.category).toLocaleUpperCase('en'), x + PAD, bandTop + BAND / 2 - 8, {
		width: inner,
		align: 'center',
		lineBreak: false
	});
}

async function drawAll(pdf: Pdf, eventId: number, title: string, filter: AttendeeFilter) {
	let index = 0;
	for await (const batch of cursorBatches(badgeQuery(eventId, filter), 200)) {
		for (const badge of batch) {
			const slot = index % BADGE.perPage;
			if (slot === 0 && index > 0) pdf.doc.addPage();
			const x = ORIGIN_X + (slot % 2) * BADGE.width;
			const y = ORIGIN_Y + Math.floor(slot / 2) * BADGE.height;
			await drawBadge(pdf, badge, title, x, y);
			index++;
		}
		// Stop reading when the download was closed; wait when the reader is slower than us.
		if (!(await keepUp(pdf.output))) return;
	}
	if (index === 0) {
		pdf.regular().fontSize(12).fillColor('#4f5b6b');
		pdf.doc.text('No registrations match this selection: there are no badges to print.', 56, 80);
	}
}

/** Badges of the filtered registrations, streamed page by page. */
export function badgesPdf(
	event: { id: number; title: string },
	filter: AttendeeFilter
): ReadableStream<Uint8Array> {
	const pdf = newPdf({
		title: `Badges — ${event.title}`,
		margins: { top: 0, bottom: 0, left: 0, right: 0 }
	});
	drawAll(pdf, event.id, event.title, filter).then(
		() => pdf.doc.end(),
		(error: unknown) => {
			if (!pdf.output.destroyed) pdf.output.destroy(error as Error);
		}
	);
	return pdf.body;
}
