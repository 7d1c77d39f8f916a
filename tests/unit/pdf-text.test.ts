import { describe, expect, it } from 'vitest';
import { newPdf } from '../../src/lib/server/exports/pdf.ts';
import { drawText, layoutText, textWidth } from '../../src/lib/server/exports/pdf-text.ts';

// Whatever a person types prints: a mark borrowed from another script (a Latin accent after a
// Myanmar or Khmer letter) made the font engine throw and the whole download fail.

describe('text in several scripts on a PDF page', () => {
	it('prints a Latin accent typed after a Myanmar or Khmer letter, leaving out what the font cannot place', () => {
		const { doc } = newPdf({ title: 'marks' });
		for (const text of ['\u106d\u030a', 'ホ\u17cf\u0303', '\u200b\u031f\u101a\u030c']) {
			const box = layoutText(doc, text, { size: 12 }, 200);
			expect(drawText(doc, box, 10, 10, 200)).toBeGreaterThan(0);
			expect(box.lines[0].pieces.map((p) => p.text).join('')).not.toMatch(/\u030a|\u0303|\u030c/);
		}
	});

	it('keeps every mark the font can place', () => {
		const { doc } = newPdf({ title: 'marks' });
		const box = layoutText(doc, 'Nguyễn Thị Minh Khai ศิริพร', { size: 12 }, 400);
		expect(box.lines[0].pieces.map((p) => p.text).join('')).toBe('Nguyễn Thị Minh Khai ศิริพร');
		expect(textWidth(doc, 'Nguyễn', { size: 12 })).toBeGreaterThan(0);
	});
});
