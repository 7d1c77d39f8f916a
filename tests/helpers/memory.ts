import v8 from 'node:v8';
import vm from 'node:vm';

// Memory that is really held (not garbage waiting for the collector): measured after a full GC.
// For the timing tests that check an export streams in flat memory.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** The heap and buffers held after a full collection, in bytes. */
export function retainedBytes(): number {
	gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
}
