import PDFDocument from 'pdfkit';
import { dayKey, fromZonedInput } from '../../time.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import { CATEGORIES } from '../../domain/category.ts';
import { decideOnLetter } from '../delegations/board.service.ts';
import { countNominations } from '../delegations/focal-point.repository.ts';
import {
	focalPointFor,
	nominate,
	substitute,
	uploadLetter
} from '../delegations/delegation-page.service.ts';
import {
	addFocalPoint,
	newFocalPointLink,
	sendCall,
	setNominationSettings
} from '../delegations/focal-point.service.ts';
import { listEventStaff } from '../events/event-staff.repository.ts';
import { findEventBySlug, listDelegations } from '../events/event.repository.ts';
import { HLOM6_SLUG } from './events.ts';

// The demo meeting's focal points: one per member state, Japan and the ASEAN Secretariat, in the
// states a secretariat meets in a real week — Thailand complete with its letter verified, Viet
// Nam nominated with no letter yet, Cambodia's letter waiting to be verified, Indonesia's letter
// rejected, Viet Nam after a substitution, the others still to nominate with the
// deadline four days away. Idempotent: an event that has focal points is left as it is.

const FOCAL_POINTS: Record<
	string,
	{ name: string; email: string; organisation: string; phone?: string }
> = {
	BN: {
		name: 'Ms. Nur Aisyah binti Haji Omar',
		email: 'aisyah.omar@mfa.gov.bn.example',
		organisation: 'ASEAN Department, Ministry of Foreign Affairs'
	},
	KH: {
		name: 'Mr. Vannak Chea',
		email: 'vannak.chea@mfaic.gov.kh.example',
		organisation: 'ASEAN Department, Ministry of Foreign Affairs and International Cooperation',
		phone: '+855 23 216 122'
	},
	ID: {
		name: 'Ms. Dewi Lestari',
		email: 'dewi.lestari@kemlu.go.id.example',
		organisation: 'Directorate of ASEAN Socio-Cultural Cooperation'
	},
	LA: {
		name: 'Mr. Somphone Keomany',
		email: 'somphone.k@mofa.gov.la.example',
		organisation: 'Department of ASEAN Affairs'
	},
	MY: {
		name: 'Mr. Ahmad Faizal bin Ismail',
		email: 'faizal.ismail@kln.gov.my.example',
		organisation: 'ASEAN-Malaysia National Secretariat'
	},
	MM: {
		name: 'Daw Thida Aung',
		email: 'thida.aung@mofa.gov.mm.example',
		organisation: 'ASEAN Affairs Department'
	},
	PH: {
		name: 'Ms. Regina Cruz',
		email: 'regina.cruz@dfa.gov.ph.example',
		organisation: 'Office of ASEAN Affairs, Department of Foreign Affairs'
	},
	SG: {
		name: 'Mr. Daniel Lim',
		email: 'daniel_lim@mfa.gov.sg.example',
		organisation: 'ASEAN Directorate'
	},
	TH: {
		name: 'Ms. Pranee Srisuk',
		email: 'pranee.s@mfa.go.th.example',
		organisation: 'Department of ASEAN Affairs, Ministry of Foreign Affairs',
		phone: '+66 2 203 5000'
	},
	TL: {
		name: 'Mr. Agostinho Soares',
		email: 'agostinho.soares@mnec.gov.tl.example',
		organisation: 'ASEAN Directorate General'
	},
	VN: {
		name: 'Mr. Tran Quoc Binh',
		email: 'tranquocbinh@mofa.gov.vn.example',
		organisation: 'ASEAN Department, Ministry of Foreign Affairs'
	},
	JP: {
		name: 'Ms. Sato Yumiko',
		email: 'sato-yumiko@mhlw.go.jp.example',
		organisation: 'International Affairs Division, Ministry of Health, Labour and Welfare'
	},
	ASEC: {
		name: 'Mr. Rizal Pratama',
		email: 'rizal.pratama@asean.org.example',
		organisation: 'Health Division, ASEAN Secretariat'
	}
};

/** Places per category of a delegation of four: one head, two delegates, one observer. */
const PLACES = { head_of_delegation: 1, delegate: 2, observer: 1 } as const;

/** A one-page note verbale, as a focal point would scan or export it. */
function noteVerbale(delegation: string, event: string): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({ size: 'A4', info: { Title: 'Note verbale' } });
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		doc.fontSize(16).text(`Note verbale — ${delegation}`, { align: 'center' }).moveDown(2);
		doc
			.fontSize(11)
			.text(
				`The Ministry of Foreign Affairs presents its compliments to the Ministry of Health, Labour and Welfare of Japan and has the honour to nominate the delegation of ${delegation} to the ${event}.`
			)
			.moveDown()
			.text(
				'The Ministry avails itself of this opportunity to renew the assurances of its highest consideration.'
			);
		doc.end();
	});
}

async function tokenFor(database: DB, focalPointId: number): Promise<string> {
	const link = await newFocalPointLink(database, focalPointId, null, now());
	return link.slice(link.lastIndexOf('/') + 1);
}

/** Adds the demo meeting's focal points, places, deadline, letters and a substitution (idempotent). */
export async function seedFocalPoints(database: DB): Promise<void> {
	const event = await findEventBySlug(database, HLOM6_SLUG);
	if (!event) return;
	const existing = await database
		.selectFrom('focal_points')
		.select('id')
		.where('event_id', '=', event.id)
		.executeTakeFirst();
	if (existing) return;
	const staff = await listEventStaff(database, event.id);
	const organizerId = staff.find((s) => s.role === 'organizer')?.userId;
	const secretariatId = staff.find((s) => s.role === 'secretariat')?.userId ?? organizerId;
	if (!organizerId || !secretariatId) return;
	const organizer: Actor = { id: organizerId, name: 'Organizer', staff: true, admin: false };
	const secretariat: Actor = { id: secretariatId, name: 'Secretariat', staff: true, admin: false };

	const inFourDays = dayKey(new Date(now().getTime() + 4 * 86_400_000), event.time_zone);
	const deadline = fromZonedInput(`${inFourDays}T17:00`, event.time_zone);
	await setNominationSettings(organizer, event.id, { deadline, reminderDays: 2 });

	const delegations = await listDelegations(database, event.id);
	const taken = await countNominations(database, event.id, now());
	const ids = new Map<string, number>();
	for (const d of delegations) {
		const person = FOCAL_POINTS[d.code];
		if (!person) continue;
		const { id } = await addFocalPoint(organizer, event.id, d.id, {
			name: person.name,
			email: person.email,
			organisation: person.organisation,
			phone: person.phone
		});
		ids.set(d.code, id);
		if (d.kind !== 'country') continue;
		// At least what the delegation already holds: the demo registrations came first.
		const quotas = CATEGORIES.map((category) => {
			const held = taken
				.filter((t) => t.delegation_id === d.id && t.category === category)
				.reduce((s, t) => s + t.registered + t.invited, 0);
			const place = (PLACES as Record<string, number>)[category] ?? 0;
			return { category, quota: Math.max(place, held) };
		}).filter((q) => q.quota > 0);
		await database
			.insertInto('delegation_quotas')
			.values(quotas.map((q) => ({ delegation_id: d.id, ...q })))
			.execute();
	}
	await sendCall(
		organizer,
		event.id,
		'all',
		'We look forward to welcoming your delegation in Tokyo.'
	);

	const contextOf = async (code: string) => {
		const id = ids.get(code);
		if (!id) return null;
		const row = await database
			.selectFrom('focal_points')
			.select('user_id')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		return focalPointFor(await tokenFor(database, id), row.user_id);
	};
	const letter = async (code: string) => {
		const context = await contextOf(code);
		if (!context) return null;
		await uploadLetter(context, {
			name: `Note verbale ${code} ${event.code}.pdf`,
			bytes: await noteVerbale(context.delegation.name, event.title)
		});
		const row = await database
			.selectFrom('delegation_letters')
			.select('id')
			.where('delegation_id', '=', context.delegation.id)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		return row.id;
	};
	// Thailand is complete: its head and a delegate registered, the other two places nominated.
	const thailand = await contextOf('TH');
	if (thailand) {
		const ministry = 'Ministry of Social Development and Human Security';
		await nominate(thailand, {
			honorific: 'Ms.',
			givenName: 'Siriporn',
			familyName: 'Thongchai',
			email: 'siriporn.t@msdhs.example',
			organisation: ministry,
			position: 'Senior Social Development Officer',
			category: 'delegate'
		});
		await nominate(thailand, {
			honorific: 'Mr.',
			givenName: 'Somchai',
			familyName: 'Rattanapong',
			email: 'somchai.r@thaiembassy.example',
			organisation: 'Royal Thai Embassy, Tokyo',
			position: 'First Secretary',
			category: 'observer'
		});
	}
	const th = await letter('TH');
	if (th) await decideOnLetter(secretariat, event, th, { decision: 'verified' });
	await letter('KH');
	const id = await letter('ID');
	if (id) {
		await decideOnLetter(secretariat, event, id, {
			decision: 'rejected',
			reason: 'The copy is not signed; please upload the signed note verbale.'
		});
	}

	// Viet Nam replaced a delegate who could no longer travel.
	const replaced = await database
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['r.id', 'd.code'])
		.where('r.event_id', '=', event.id)
		.where('r.status', '=', 'confirmed')
		.where('r.category', '=', 'delegate')
		.where('d.code', '=', 'VN')
		.orderBy('r.id')
		.executeTakeFirst();
	const context = replaced ? await contextOf('VN') : null;
	if (replaced && context) {
		await substitute(context, replaced.id, {
			honorific: 'Ms.',
			givenName: 'Thị Lan',
			familyName: 'Đỗ',
			email: 'dothilan@molisa.example',
			organisation: undefined,
			position: 'Deputy Director, Department of Social Assistance',
			note: 'The nominee could no longer travel.'
		});
	}
}
