import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { badgesPdf } from '../../src/lib/server/exports/badges-pdf.ts';
import { parseAttendeeQuery } from '../../src/lib/server/attendees/attendee-filter.ts';
import { attendeeFilterOptions } from '../../src/lib/server/attendees/attendee.service.ts';
import { PHOTO_SIZE, preparePhoto } from '../../src/lib/server/photos/photo-image.ts';
import {
	registrationHasPhoto,
	rejectPhoto,
	setPhotoPolicy
} from '../../src/lib/server/photos/photo.service.ts';
import { eraseRegistrationData } from '../../src/lib/server/privacy/privacy.repository.ts';
import { createQuestion, formQuestions } from '../../src/lib/server/questions/question.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import * as registerPage from '../../src/routes/events/[slug]/register/+page.server.ts';
import { makeDelegation, makeEvent } from '../helpers/factories.ts';
import { actorWithRole, domainError } from '../helpers/event-actors.ts';
import { accepted, outcome } from '../helpers/hostile.ts';
import { imageBytes, testPhoto } from '../helpers/photos.ts';
import { ANONYMOUS, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// The badge photo pipeline: what a phone sends becomes an upright 3:4 JPEG of bounded size with
// no metadata (no GPS position); what is not a usable photo is refused in words; the badge PDF
// prints it; removing a photo removes its bytes.

async function ok(bytes: Uint8Array) {
	const prepared = await preparePhoto(bytes);
	if (!prepared.ok) throw new Error(prepared.message);
	return prepared.photo.jpeg;
}

async function refusal(bytes: Uint8Array) {
	const prepared = await preparePhoto(bytes);
	expect(prepared.ok).toBe(false);
	return prepared.ok ? '' : prepared.message;
}

/** A PNG whose header claims another size (its CRC fixed): what a decompression bomb looks like. */
function withClaimedSize(png: Uint8Array, width: number, height: number): Uint8Array {
	const bytes = Buffer.from(png);
	bytes.writeUInt32BE(width, 16);
	bytes.writeUInt32BE(height, 20);
	let crc = 0xffffffff;
	for (const byte of bytes.subarray(12, 29)) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	bytes.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 29);
	return new Uint8Array(bytes);
}

describe('the photo pipeline', () => {
	it('removes EXIF, GPS included, and bounds the size to the 3:4 frame', async () => {
		const camera = await sharp(await imageBytes(3000, 4000))
			.withExif({
				IFD0: { Make: 'PhoneMaker', Model: 'Phone 15', Copyright: 'Somchai' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '13/1 45/1 0/1' }
			})
			.jpeg()
			.toBuffer();
		expect((await sharp(camera).metadata()).exif).toBeDefined();
		const stored = await ok(new Uint8Array(camera));
		const meta = await sharp(stored).metadata();
		expect(meta.format).toBe('jpeg');
		expect([meta.width, meta.height]).toEqual([PHOTO_SIZE.width, PHOTO_SIZE.height]);
		expect(meta.exif).toBeUndefined();
		expect(meta.icc).toBeUndefined();
		expect(Buffer.from(stored).includes('PhoneMaker')).toBe(false);
		expect(stored.byteLength).toBeLessThan(200_000);
	});

	it('turns a photo upright as its EXIF orientation says', async () => {
		// Stored sideways: red on the left, blue on the right; orientation 6 shows it turned a
		// quarter clockwise, so red is on top.
		const sideways = await sharp({
			create: { width: 800, height: 600, channels: 3, background: '#0000ff' }
		})
			.composite([
				{
					input: await sharp({
						create: { width: 400, height: 600, channels: 3, background: '#ff0000' }
					})
						.png()
						.toBuffer(),
					left: 0,
					top: 0
				}
			])
			.jpeg()
			.withMetadata({ orientation: 6 })
			.toBuffer();
		const stored = await ok(new Uint8Array(sideways));
		const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
		const pixel = (x: number, y: number) => {
			const i = (y * info.width + x) * info.channels;
			return [data[i], data[i + 1], data[i + 2]];
		};
		const [topRed, , topBlue] = pixel(info.width / 2, 10);
		const [bottomRed, , bottomBlue] = pixel(info.width / 2, info.height - 10);
		expect(topRed).toBeGreaterThan(200);
		expect(topBlue).toBeLessThan(60);
		expect(bottomBlue).toBeGreaterThan(200);
		expect(bottomRed).toBeLessThan(60);
	});

	it('takes a PNG or a WebP, and refuses what is not a usable photo in plain words', async () => {
		for (const format of ['png', 'webp'] as const) {
			const stored = await sharp(await ok(await imageBytes(900, 1200, format))).metadata();
			expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', 360, 480]);
		}
		expect(await refusal(new TextEncoder().encode('%PDF-1.7\n'))).toMatch(/JPEG, PNG or WebP/);
		expect(await refusal(new Uint8Array(0))).toMatch(/empty/);
		const heic = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0]);
		expect(await refusal(heic)).toMatch(/HEIC/);
		expect(await refusal(await imageBytes(80, 100))).toMatch(/too small/);
		// A truncated JPEG: the header is right, the picture is not there.
		const truncated = (await imageBytes(600, 800)).subarray(0, 400);
		expect(await refusal(truncated)).toMatch(/could not be read/);
	});

	it('refuses more than 40 megapixels from the header, before decoding', async () => {
		const bomb = withClaimedSize(await imageBytes(200, 200, 'png'), 60_000, 60_000);
		expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(60_000);
		const started = Date.now();
		expect(await refusal(bomb)).toMatch(/40 megapixels/);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('photos on the registration form and the badges', () => {
	it('a required photo is asked beside its field, and the badge PDF prints the one given', async () => {
		const event = await makeEvent({ registration_mode: 'open' });
		const delegation = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
		const organizer = await actorWithRole(event.id, 'organizer');
		await setPhotoPolicy(organizer, event.id, 'required');
		const form = () => {
			const email = `photo-${Math.random().toString(36).slice(2, 9)}@example.org`;
			return {
				familyName: 'Somchai',
				position: 'Director',
				organisation: 'Ministry of Labour',
				delegationId: String(delegation.id),
				category: 'delegate',
				email,
				emailConfirmation: email,
				phone: '+66 2 123 4567',
				dietary: 'none',
				consentDataProcessing: 'on',
				submissionKey: submissionKey()
			};
		};
		const post = (fields: Record<string, string | Blob>) => {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.append(k, v);
			const event_ = routeEvent({
				locals: ANONYMOUS,
				path: `/events/${event.slug}/register`,
				params: { slug: event.slug },
				init: { method: 'POST', body }
			});
			return outcome(() => registerPage.actions.default(event_ as never));
		};
		const missing = await post(form());
		expect(missing.status).toBe(400);
		expect((missing.data?.errors as Record<string, string>).photo).toBe(
			'Please add a photo for your badge'
		);
		const given = await post({
			...form(),
			photo: new Blob([Buffer.from(await imageBytes(1200, 1600))], { type: 'image/jpeg' })
		});
		expect(accepted(given)).toBe(true);
		const stored = await db()
			.selectFrom('badge_photos as p')
			.innerJoin('registrations as r', 'r.id', 'p.registration_id')
			.innerJoin('files as f', 'f.id', 'p.file_id')
			.select(['r.id', 'f.id as file_id', 'f.content_type'])
			.where('r.event_id', '=', event.id)
			.executeTakeFirstOrThrow();
		expect(stored.content_type).toBe('image/jpeg');

		// One badge: the photo is one more image than the badge without it.
		const options = await attendeeFilterOptions(event.id);
		const { filter } = parseAttendeeQuery(new URLSearchParams(), options);
		const images = async () => {
			const pdf = Buffer.from(await new Response(badgesPdf(event, filter)).arrayBuffer());
			return pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
		};
		const withPhoto = await images();

		// Removing the photo removes its bytes too.
		await db().deleteFrom('badge_photos').where('registration_id', '=', stored.id).execute();
		expect(withPhoto).toBe((await images()) + 1);
		const file = await db()
			.selectFrom('files')
			.select('id')
			.where('id', '=', stored.file_id)
			.executeTakeFirst();
		expect(file).toBeUndefined();
	});

	it('only an organizer sets the photo policy, to one of off, optional, required', async () => {
		const event = await makeEvent();
		const secretariat = await actorWithRole(event.id, 'secretariat');
		expect((await domainError(setPhotoPolicy(secretariat, event.id, 'required'))).code).toBe(
			'forbidden'
		);
		const organizer = await actorWithRole(event.id, 'organizer');
		const error = await domainError(setPhotoPolicy(organizer, event.id, 'always' as never));
		expect(error.field).toBe('photoPolicy');
		await registerDelegate({
			eventId: event.id,
			values: delegateValues((await makeDelegation(event.id, 'VN')).id),
			submissionKey: submissionKey(),
			answers: { questions: [], answers: new Map(), files: new Map(), photo: await testPhoto() }
		});
	});
});

describe('erasing personal data', () => {
	it('removes answers, answer files and photos with the rest of the personal data', async () => {
		const event = await makeEvent();
		const delegation = await makeDelegation(event.id, 'KH');
		const organizer = await actorWithRole(event.id, 'organizer');
		const questionId = await createQuestion(organizer, event.id, {
			label: 'Upload your country report',
			help: '',
			section: '',
			kind: 'file',
			required: false,
			categories: [],
			condition: null,
			newChoices: [],
			choices: []
		});
		const registered = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id),
			submissionKey: submissionKey(),
			answers: {
				questions: await formQuestions(event.id),
				answers: new Map([[questionId, 'report.pdf']]),
				files: new Map([
					[
						questionId,
						{
							fileName: 'report.pdf',
							contentType: 'application/pdf',
							bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
						}
					]
				]),
				photo: await testPhoto()
			}
		});
		const files = () =>
			db().selectFrom('files').select('id').where('event_id', '=', event.id).execute();
		expect(await files()).toHaveLength(2);
		await db()
			.transaction()
			.execute((trx) => eraseRegistrationData(trx, { eventId: event.id }, new Date()));
		expect(await files()).toHaveLength(0);
		const left = await db()
			.selectFrom('answers')
			.select('question_id')
			.where('registration_id', '=', registered.registrationId)
			.execute();
		expect(left).toHaveLength(0);
	});
});

describe('rejecting a photo', () => {
	it('removes it and e-mails the person the reason with a link to give another', async () => {
		const event = await makeEvent();
		const delegation = await makeDelegation(event.id, 'LA');
		const organizer = await actorWithRole(event.id, 'organizer');
		const registered = await registerDelegate({
			eventId: event.id,
			values: delegateValues(delegation.id),
			submissionKey: submissionKey(),
			answers: { questions: [], answers: new Map(), files: new Map(), photo: await testPhoto() }
		});
		const registration = await db()
			.selectFrom('registrations')
			.selectAll()
			.where('id', '=', registered.registrationId)
			.executeTakeFirstOrThrow();
		const checkin = await actorWithRole(event.id, 'checkin');
		expect((await domainError(rejectPhoto(checkin, registration, 'Blurred'))).code).toBe(
			'forbidden'
		);
		await rejectPhoto(organizer, registration, 'The face is hidden by sunglasses.');
		expect(await registrationHasPhoto(registration)).toBe(false);
		const mail = await db()
			.selectFrom('emails')
			.select(['recipient', 'subject', 'text_body', 'template'])
			.where('registration_id', '=', registration.id)
			.where('template', '=', 'photo_rejected')
			.executeTakeFirstOrThrow();
		expect(mail.recipient).toBe(registration.email);
		expect(mail.text_body).toContain('The face is hidden by sunglasses.');
		expect(mail.text_body).toContain(`/me/registrations/${registration.reference}/answers`);
		expect((await domainError(rejectPhoto(organizer, registration, 'Again'))).code).toBe(
			'conflict'
		);
	});
});
