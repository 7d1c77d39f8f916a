// Response bodies from async sources, pulled one chunk at a time: nothing is produced before the
// client reads it, and a closed download ends the source (which closes its database cursor).
// (Readable.toWeb threw "Controller is already closed" — uncaught — when a download was
// cancelled while data was still flowing.)

/** A web ReadableStream over an async iterable of bytes (a generator or a Node stream). */
export function webStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
	const iterator = source[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const { value, done } = await iterator.next();
				if (done) controller.close();
				else controller.enqueue(value);
			},
			async cancel() {
				await iterator.return?.();
			}
		},
		{ highWaterMark: 0 }
	);
}
