import sharp from 'sharp';
import { preparePhoto, type PreparedPhoto } from '../../src/lib/server/photos/photo-image.ts';

// Photos made in the test, as a camera or scanner would give them.

/** A plain image of the given size and format. */
export async function imageBytes(
	width: number,
	height: number,
	format: 'jpeg' | 'png' | 'webp' = 'jpeg',
	background = '#7a8ca3'
): Promise<Uint8Array> {
	const image = sharp({ create: { width, height, channels: 3, background } });
	return new Uint8Array(await image.toFormat(format).toBuffer());
}

/** A badge photo ready to store. */
export async function testPhoto(): Promise<PreparedPhoto> {
	const prepared = await preparePhoto(await imageBytes(600, 800));
	if (!prepared.ok) throw new Error(prepared.message);
	return prepared.photo;
}
