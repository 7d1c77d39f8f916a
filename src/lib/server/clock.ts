// Code that depends on "now" asks this clock, so tests can move time (expiry, backoff, retention).
// The offset lives on globalThis so the bundled app and scripts in one process agree.

const KEY = Symbol.for('kaigi.clock');
type Holder = { [KEY]?: { fixed?: number; offsetMs: number } };

function state() {
	const holder = globalThis as Holder;
	holder[KEY] ??= { offsetMs: Number(process.env.KAIGI_CLOCK_OFFSET_MS ?? 0) || 0 };
	return holder[KEY];
}

/** The current time, as the application sees it. */
export function now(): Date {
	const s = state();
	return new Date((s.fixed ?? Date.now()) + s.offsetMs);
}

/** Freezes the clock at an instant (tests). */
export function setNow(instant: Date | undefined): void {
	state().fixed = instant?.getTime();
	state().offsetMs = 0;
}

/** Moves the clock forward by a number of milliseconds (tests). */
export function advanceClock(ms: number): void {
	const s = state();
	if (s.fixed !== undefined) s.fixed += ms;
	else s.offsetMs += ms;
}
