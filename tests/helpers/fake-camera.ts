import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { qrPng } from '../../src/lib/server/qr/qr-png.ts';

// A camera for Chromium's fake capture device (--use-file-for-fake-video-capture): a Y4M video
// of one frame, 640 × 480, showing the QR code Kaigi prints for `text` (qrPng's own pixels) on a
// grey background, as a badge held up to a tablet. Made synchronously: Playwright reads the
// browser's launch options when the test file loads.

const WIDTH = 640;
const HEIGHT = 480;

/** The pixels of qrPng's 1-bit greyscale PNG (one IDAT, no row filters): true = black. */
function qrPixels(
	text: string,
	side: number
): { side: number; black: (x: number, y: number) => boolean } {
	const png = qrPng(text, { width: side, margin: 2 });
	const width = png.readUInt32BE(16);
	const idat = png.indexOf('IDAT', 0, 'latin1');
	const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
	const stride = Math.ceil(width / 8) + 1;
	return {
		side: width,
		black: (x, y) => (raw[y * stride + 1 + (x >> 3)] & (0x80 >> (x & 7))) === 0
	};
}

/** Writes the Y4M file and returns its path. */
export function qrCameraFile(text: string): string {
	const code = qrPixels(text, 300);
	const left = (WIDTH - code.side) >> 1;
	const top = (HEIGHT - code.side) >> 1;
	const luma = Buffer.alloc(WIDTH * HEIGHT, 170); // a grey desk behind the badge
	for (let y = 0; y < code.side; y++) {
		for (let x = 0; x < code.side; x++) {
			luma[(top + y) * WIDTH + left + x] = code.black(x, y) ? 20 : 235;
		}
	}
	const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
	const file = join(tmpdir(), `kaigi-camera-${process.pid}-${Date.now()}.y4m`);
	writeFileSync(
		file,
		Buffer.concat([
			Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'latin1'),
			luma,
			chroma,
			chroma
		])
	);
	return file;
}
