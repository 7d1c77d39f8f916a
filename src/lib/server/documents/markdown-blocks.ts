// A document body's Markdown as the blocks a letter is made of: headings (`# `), paragraphs and
// list items (`- `). A paragraph written wholly in **bold** prints bold; other emphasis marks are
// dropped rather than printed. Blocks are found in the template before placeholders are filled,
// so a value typed by a delegate (a position starting with "# ") never changes the layout.

export type Block = { kind: 'heading' | 'paragraph' | 'item'; text: string; bold: boolean };

const EMPHASIS = /\*\*(.+?)\*\*|__(.+?)__/g;

function plain(text: string): string {
	return text.replace(EMPHASIS, (_, a?: string, b?: string) => a ?? b ?? '');
}

function paragraph(lines: string[]): Block {
	const text = lines.join('\n').trim();
	const whole = /^\*\*([^*]+)\*\*$/.exec(text);
	return { kind: 'paragraph', text: whole ? whole[1] : plain(text), bold: Boolean(whole) };
}

/** The blocks of a Markdown body, in order. */
export function markdownBlocks(markdown: string): Block[] {
	const blocks: Block[] = [];
	let lines: string[] = [];
	const flush = () => {
		if (lines.some((l) => l.trim())) blocks.push(paragraph(lines));
		lines = [];
	};
	for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.trimEnd();
		const heading = /^#{1,3}\s+(.*)$/.exec(line);
		const item = /^\s*[-*]\s+(.*)$/.exec(line);
		if (!line.trim()) flush();
		else if (heading) {
			flush();
			blocks.push({ kind: 'heading', text: plain(heading[1]), bold: true });
		} else if (item) {
			flush();
			blocks.push({ kind: 'item', text: plain(item[1]), bold: false });
		} else lines.push(line);
	}
	flush();
	return blocks;
}
