import { once } from 'node:events';
import type { Writable } from 'node:stream';

// Writers that do not wait for a slow reader (exceljs, pdfkit) are throttled here: we wait until
// the buffer towards the response drains, or the download is closed (then the caller stops).

/** Resolves when `output` drains or closes, whichever comes first. */
export async function drainedOrClosed(output: Writable): Promise<void> {
	const stop = new AbortController();
	const settle = (name: string) =>
		once(output, name, { signal: stop.signal }).then(
			() => undefined,
			() => undefined
		);
	await Promise.race([settle('drain'), settle('close')]);
	stop.abort();
}

/** Waits while `output` holds more than its high-water mark; false once it is closed. */
export async function keepUp(output: Writable): Promise<boolean> {
	if (output.writableNeedDrain) await drainedOrClosed(output);
	return !output.destroyed;
}
