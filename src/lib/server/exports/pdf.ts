import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import { fontBytes, fontName, SCRIPTS } from './pdf-fonts.ts';
import { webStream } from './web-stream.ts';

// PDF documents (List of Participants, badges) with a font per script embedded (pdf-fonts.ts):
// Latin and Vietnamese in DejaVu Sans, Japanese, Thai, Khmer, Lao and Myanmar in Noto Sans.
// Text is written through pdf-text.ts, which picks the font of each run.

export const MM = 72 / 25.4;

export type Pdf = {
	doc: PDFKit.PDFDocument;
	/** What goes to the response; `keepUp(output)` throttles a long document. */
	output: PassThrough;
	body: ReadableStream<Uint8Array>;
};

/** A new A4 document whose bytes flow into `body` as pages are finished. */
export function newPdf(options: {
	title: string;
	margins?: PDFKit.Mixins.ExpandedSides<number>;
	bufferPages?: boolean;
}): Pdf {
	const doc = new PDFDocument({
		size: 'A4',
		margins: options.margins ?? { top: 56, bottom: 56, left: 56, right: 56 },
		bufferPages: options.bufferPages ?? false,
		info: { Title: options.title, Creator: 'Kaigi' },
		lang: 'en',
		displayTitle: true
	});
	for (const script of SCRIPTS) {
		for (const weight of ['regular', 'bold'] as const)
			doc.registerFont(fontName(script, weight), fontBytes(script, weight));
	}
	doc.font(fontName('latin', 'regular'));
	const output = new PassThrough({ highWaterMark: 1 << 20 });
	doc.on('data', (chunk: Buffer) => output.write(chunk));
	doc.on('end', () => output.end());
	doc.on('error', (error: Error) => output.destroy(error));
	return {
		doc,
		output,
		body: webStream(output)
	};
}
