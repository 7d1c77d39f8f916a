// A keyboard-wedge scanner types its code as a fast burst of keys ending in Enter; a person
// types slower. The gap under which keys count as one burst is generous for cheap scanners.

const BURST_GAP_MS = 50;
const MIN_LENGTH = 4;

/** Watches key timings on an input; `isScan()` tells whether the text before Enter was a burst. */
export function burstWatcher() {
	let last = 0;
	let burst = 0;
	return {
		key(event: KeyboardEvent) {
			if (event.key === 'Enter') return;
			if (event.key.length !== 1) {
				burst = 0;
				return;
			}
			const t = event.timeStamp;
			burst = last && t - last < BURST_GAP_MS ? burst + 1 : 1;
			last = t;
		},
		isScan(enterAt: number): boolean {
			const fast = enterAt - last < BURST_GAP_MS * 2;
			const result = fast && burst >= MIN_LENGTH;
			burst = 0;
			last = 0;
			return result;
		}
	};
}

/** Lower case without accents, as the server's search folds names. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase();
}
