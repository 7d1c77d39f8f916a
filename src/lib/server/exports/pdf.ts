import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import { webStream } from './web-stream.ts';

// PDF documents (List of Participants, badges) in DejaVu Sans, embedded: it renders Vietnamese
// and other accented Latin names exactly, and pdftotext gets them back (DESIGN §11). It has no
// Thai, Khmer, Myanmar or CJK glyphs: documents use the Latin (passport) names.

const require = createRequire(import.meta.url);
const FONTS = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')
};

export const MM = 72 / 25.4;

export type Pdf = {
	doc: PDFKit.PDFDocument;
	/** What goes to the response; `keepUp(output)` throttles a long document. */
	output: PassThrough;
	body: ReadableStream<Uint8Array>;
	regular(): PDFKit.PDFDocument;
	bold(): PDFKit.PDFDocument;
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
	doc.registerFont('regular', FONTS.regular);
	doc.registerFont('bold', FONTS.bold);
	doc.font('regular');
	const output = new PassThrough({ highWaterMark: 1 << 20 });
	doc.on('data', (chunk: Buffer) => output.write(chunk));
	doc.on('end', () => output.end());
	doc.on('error', (error: Error) => output.destroy(error));
	return {
		doc,
		output,
		body: webStream(output),
		regular: () => doc.font('regular'),
		bold: () => doc.font('bold')
	};
}
