import { m } from '../../paraglide/messages.js';
import sharp from 'sharp';
import { checkUpload, type UploadRule } from '../files/upload-kind.ts';

// A badge photo from whatever a delegate's phone or scanner gives: JPEG, PNG or WebP told by its bytes,
// at most 40 megapixels (read from the header, before anything is decoded), turned upright as
// its EXIF orientation says, centre-cropped to a passport-style 3:4 frame, resized, and written
// as a new JPEG without any of the original's metadata (no GPS position, no camera serial).

export const PHOTO_RULE: UploadRule = {
	accept: ['image/jpeg', 'image/png', 'image/webp'],
	maxBytes: 15 * 1024 * 1024,
	photo: true
};
export const MAX_PIXELS = 40_000_000;
/** The stored frame: 3:4, enough for 30 × 40 mm at 300 dpi. */
export const PHOTO_SIZE = { width: 360, height: 480 };
/** Smaller than this and the face prints as a blur. */
const MIN_SIDE = 120;

/** The offline list's copy: enough to tell a face on a tablet, about 2 KB. */
export const THUMBNAIL_SIZE = { width: 96, height: 128 };

export type PreparedPhoto = { jpeg: Uint8Array; thumbnail: Uint8Array };

/** The small WebP copy of a stored (already upright, 3:4) photo. */
export async function photoThumbnail(jpeg: Uint8Array): Promise<Uint8Array> {
	const webp = await sharp(jpeg, { limitInputPixels: MAX_PIXELS })
		.resize(THUMBNAIL_SIZE.width, THUMBNAIL_SIZE.height, { fit: 'cover' })
		.webp({ quality: 60 })
		.toBuffer();
	return new Uint8Array(webp);
}

/** An iPhone's HEIC that was not converted: an ISO media file whose brand is HEIF's. */
function isHeic(bytes: Uint8Array): boolean {
	const brand = Buffer.from(bytes.subarray(4, 12)).toString('latin1');
	return /^ftyp(heic|heix|hevc|heim|heis|mif1|msf1|avif)/.test(brand);
}

/** The photo ready to store, or what is wrong with the file in plain words. */
export async function preparePhoto(
	bytes: Uint8Array
): Promise<{ ok: true; photo: PreparedPhoto } | { ok: false; message: string }> {
	const checked = checkUpload(bytes, PHOTO_RULE);
	if (!checked.ok) {
		if (bytes.byteLength > 12 && isHeic(bytes)) {
			return {
				ok: false,
				message: m.photo_heic()
			};
		}
		return checked;
	}
	let width: number | undefined;
	let height: number | undefined;
	try {
		// The header only: no pixel is decoded, whatever size it claims.
		({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
	} catch {
		return { ok: false, message: m.photo_unreadable() };
	}
	if (!width || !height) {
		return { ok: false, message: m.photo_unreadable() };
	}
	if (width * height > MAX_PIXELS) {
		return {
			ok: false,
			message: m.photo_too_many_pixels()
		};
	}
	if (Math.min(width, height) < MIN_SIDE) {
		return {
			ok: false,
			message: m.err_photo_too_small({ width, height, min: MIN_SIDE })
		};
	}
	try {
		const jpeg = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
			.rotate()
			.resize(PHOTO_SIZE.width, PHOTO_SIZE.height, { fit: 'cover', position: 'centre' })
			.flatten({ background: '#ffffff' })
			.jpeg({ quality: 85, mozjpeg: true })
			.toBuffer();
		return {
			ok: true,
			photo: { jpeg: new Uint8Array(jpeg), thumbnail: await photoThumbnail(jpeg) }
		};
	} catch {
		return { ok: false, message: m.photo_unreadable() };
	}
}
