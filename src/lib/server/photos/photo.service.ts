import { m } from '../../paraglide/messages.js';
import { createHash } from 'node:crypto';
import { localizePath, toLocale } from '../../i18n/locales.ts';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Database, Registration } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import { insertFile } from '../files/file.repository.ts';
import { photoThumbnail, type PreparedPhoto } from './photo-image.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { photoRejectedMail } from '../mail/templates/photo.ts';
import {
	deletePhoto,
	findPhoto,
	hasPhoto,
	listThumbnails,
	setThumbnail,
	updatePhotoPolicy,
	upsertPhoto
} from './photo.repository.ts';

// Badge photos: whether an event asks for them, and each registration's photo (personal data:
// shown only to the person and the event's staff, never in exports, gone with the registration).

export type PhotoPolicy = 'off' | 'optional' | 'required';
export const PHOTO_POLICIES: readonly PhotoPolicy[] = ['off', 'optional', 'required'];

/** Stores a prepared photo for a registration inside the caller's transaction. */
export async function savePhotoWithin(
	trx: Transaction<Database>,
	registration: { id: number; eventId: number; userId: number },
	photo: PreparedPhoto,
	by: number,
	at: Date
): Promise<void> {
	const fileId = await insertFile(trx, {
		eventId: registration.eventId,
		ownerUserId: registration.userId,
		fileName: 'photo.jpg',
		contentType: 'image/jpeg',
		bytes: photo.jpeg,
		sha256: createHash('sha256').update(photo.jpeg).digest(),
		at
	});
	await upsertPhoto(trx, registration.id, fileId, photo.thumbnail, by, at);
	await writeAudit(trx, {
		actorUserId: by,
		action: 'registration.photo',
		entityType: 'registration',
		entityId: registration.id,
		eventId: registration.eventId,
		diff: { photo: 'uploaded' }
	});
}

/** Whether the registration has a photo. */
export function registrationHasPhoto(registration: Registration): Promise<boolean> {
	return hasPhoto(db(), registration.id);
}

/** The person's own photo (their registration is checked by the route). */
export function ownPhoto(registration: Registration) {
	return findPhoto(db(), registration.id);
}

/** A registration's photo, for its event's staff (the check-in desk included). */
export async function staffPhoto(actor: Actor, registration: Registration) {
	await assertCan(actor, registration.event_id, 'checkin');
	return findPhoto(db(), registration.id);
}

/**
 * The small photos of the event's registrations by registration id (WebP as base64), for the
 * offline lists; the caller has checked the actor may download them. Photos stored before
 * thumbnails existed get theirs made and kept now.
 */
export async function offlineThumbnails(eventId: number): Promise<Map<number, string>> {
	const rows = await listThumbnails(db(), eventId);
	const out = new Map<number, string>();
	for (const row of rows) {
		let thumbnail = row.thumbnail;
		if (!thumbnail && row.bytes) {
			thumbnail = await photoThumbnail(row.bytes);
			await setThumbnail(db(), row.registration_id, row.file_id, thumbnail);
		}
		if (thumbnail) out.set(row.registration_id, Buffer.from(thumbnail).toString('base64'));
	}
	return out;
}

/** Sets whether the event's registrants give a badge photo. */
export async function setPhotoPolicy(
	actor: Actor,
	eventId: number,
	policy: PhotoPolicy
): Promise<void> {
	await assertCan(actor, eventId, 'event.edit');
	if (!PHOTO_POLICIES.includes(policy)) {
		throw new DomainError('invalid', m.err_photo_policy(), 'photoPolicy');
	}
	await db()
		.transaction()
		.execute(async (trx) => {
			const event = await lockEvent(trx, eventId);
			await updatePhotoPolicy(trx, eventId, policy);
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'event.photo_policy',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: { photo_policy: `${event?.photo_policy ?? 'off'} → ${policy}` }
			});
		});
}

/**
 * Removes a registration's photo that cannot be used, and e-mails the person why and where to
 * give another, in one transaction.
 */
export async function rejectPhoto(
	actor: Actor,
	registration: Registration,
	reason: string
): Promise<void> {
	await assertCan(actor, registration.event_id, 'registrations.correct');
	await db()
		.transaction()
		.execute(async (trx) => {
			const event = await lockEvent(trx, registration.event_id);
			if (!event) throw new DomainError('not_found', m.err_no_event());
			if (!(await deletePhoto(trx, registration.id))) {
				throw new DomainError('conflict', m.err_no_photo());
			}
			const at = now();
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'registration.photo_rejected',
				entityType: 'registration',
				entityId: registration.id,
				eventId: event.id,
				diff: { reason }
			});
			const language = toLocale(registration.language) ?? 'en';
			const path = `/me/registrations/${encodeURIComponent(registration.reference)}/answers`;
			const link = `${config().origin}${localizePath(path, language)}`;
			await enqueueEmail(trx, {
				...photoRejectedMail({
					event,
					recipient: registration,
					reference: registration.reference,
					reason,
					link,
					language
				}),
				to: registration.email,
				template: 'photo_rejected',
				dedupeKey: `photo-rejected:${registration.id}:${at.getTime()}`,
				eventId: event.id,
				registrationId: registration.id
			});
		});
}
