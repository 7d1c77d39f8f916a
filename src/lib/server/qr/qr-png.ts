import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

// A QR code as a black-and-white PNG (1 bit per pixel, zlib from Node's native binding).
// qrcode's own PNG renderer goes through pngjs in plain JavaScript, on 8-bit RGBA with every
// row filtered five ways: about 15 ms of CPU for a 320 px code, which a registration spent
// while holding its event's lock (npm run bench). This takes well under a millisecond.

export type QrPngOptions = {
	/** Width and height in pixels. */
	width: number;
	/** Quiet zone around the code, in modules. */
	margin?: number;
	errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
};

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
	return Buffer.concat([head, data, crc]);
}

/** The module (row or column) a pixel falls in, or -1 in the quiet zone, as qrcode computes it. */
function moduleIndex(pixel: number, count: number, scale: number, margin: number): number {
	const scaledMargin = margin * scale;
	const size = Math.floor((count + 2 * margin) * scale);
	if (pixel < scaledMargin || pixel >= size - scaledMargin) return -1;
	return Math.floor((pixel - scaledMargin) / scale);
}

/** Encodes `text` as a QR code PNG, pixel for pixel as qrcode's `toBuffer` lays it out. */
export function qrPng(text: string, options: QrPngOptions): Buffer {
	const margin = options.margin ?? 4;
	const { modules } = QRCode.create(text, {
		errorCorrectionLevel: options.errorCorrectionLevel ?? 'M'
	});
	const count = modules.size;
	const scale = options.width >= count + 2 * margin ? options.width / (count + 2 * margin) : 4;
	const width = Math.floor((count + 2 * margin) * scale);
	const rowBytes = Math.ceil(width / 8);
	const stride = rowBytes + 1; // each scanline starts with its filter byte (0: none)
	const columns = Int32Array.from({ length: width }, (_, x) =>
		moduleIndex(x, count, scale, margin)
	);
	// Pixel rows in the same module row are identical: build each once, copy it down.
	const line = new Map<number, Buffer>();
	const raw = Buffer.alloc(stride * width);
	for (let y = 0; y < width; y++) {
		const my = moduleIndex(y, count, scale, margin);
		let bits = line.get(my);
		if (!bits) {
			// 1 = white, 0 = black, most significant bit first.
			bits = Buffer.alloc(rowBytes, 0xff);
			if (my >= 0) {
				for (let x = 0; x < width; x++) {
					const mx = columns[x];
					if (mx >= 0 && modules.get(my, mx)) bits[x >> 3] &= ~(0x80 >> (x & 7));
				}
			}
			line.set(my, bits);
		}
		bits.copy(raw, y * stride + 1);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(width, 4);
	header[8] = 1; // bit depth
	header[9] = 0; // greyscale
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}
