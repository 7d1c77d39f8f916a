// Where the browser has no BarcodeDetector (Chromium on Linux, Firefox), camera frames are read
// by jsQR, a small QR decoder in plain JavaScript with no dependencies. It is loaded only on
// those browsers, the first time the camera is opened; the service worker keeps it with the
// app's other files, so it works offline too.

/** Frames are scaled down to this many pixels on their longer side: enough for a badge. */
const MAX_SIDE = 640;

type Decode = typeof import('jsqr').default;

/** The text of the QR code in RGBA pixels, or null when there is none. */
export function decodeQr(
	decode: Decode,
	rgba: Uint8ClampedArray,
	width: number,
	height: number
): string | null {
	const found = decode(rgba, width, height, { inversionAttempts: 'dontInvert' });
	return found?.data.trim() || null;
}

/** A reader of the QR code in a video's current frame (loads the decoder first). */
export async function qrFrameReader(): Promise<(video: HTMLVideoElement) => string | null> {
	const { default: decode } = await import('jsqr');
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true });
	return (video) => {
		const { videoWidth: w, videoHeight: h } = video;
		if (!context || !w || !h) return null;
		const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
		canvas.width = Math.round(w * scale);
		canvas.height = Math.round(h * scale);
		context.drawImage(video, 0, 0, canvas.width, canvas.height);
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
		return decodeQr(decode, data, canvas.width, canvas.height);
	};
}
