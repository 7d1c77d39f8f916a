import jsQR from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeQr } from '../../src/lib/offline/qr-frame-reader.ts';
import { qrPng } from '../../src/lib/server/qr/qr-png.ts';

// The camera fallback's decoder on the QR codes Kaigi prints: the e-mail's code (qrPng) and the
// badge PDF's (qrcode's own PNG), photographed small, off-centre and a little blurred.

/** A camera-like frame: the code scaled to `side` px on a grey 640 × 480 background, blurred. */
async function frame(png: Buffer, side: number) {
	const code = await sharp(png).resize(side, side).png().toBuffer();
	const { data, info } = await sharp({
		create: { width: 640, height: 480, channels: 3, background: '#b8b8b0' }
	})
		.composite([{ input: code, left: 300, top: 120 }])
		.blur(0.8)
		.ensureAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { rgba: new Uint8ClampedArray(data), width: info.width, height: info.height };
}

describe('the camera fallback decoder', () => {
	it('reads badge references from the codes Kaigi prints', async () => {
		for (const reference of ['HLOM6-TH-007', 'AAJHIV-KH-123', 'TLAL-TL-001']) {
			const mailed = await frame(qrPng(reference, { width: 240 }), 180);
			expect(decodeQr(jsQR, mailed.rgba, mailed.width, mailed.height)).toBe(reference);
			const printed = await frame(await QRCode.toBuffer(reference, { margin: 1 }), 160);
			expect(decodeQr(jsQR, printed.rgba, printed.width, printed.height)).toBe(reference);
		}
	});

	it('says nothing for a frame without a code', async () => {
		const { data, info } = await sharp({
			create: { width: 320, height: 240, channels: 4, background: '#808080' }
		})
			.raw()
			.toBuffer({ resolveWithObject: true });
		expect(decodeQr(jsQR, new Uint8ClampedArray(data), info.width, info.height)).toBeNull();
	});
});
