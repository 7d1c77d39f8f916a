// Driving the server over HTTP with autocannon, keeping every response time so the
// percentiles (p50/p95/p99) are computed from all samples rather than a histogram's buckets.
import autocannon, { type Options } from 'autocannon';

export type LoadResult = {
	requests: number;
	seconds: number;
	perSecond: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	statuses: Record<string, number>;
	errors: number;
};

/** The q-quantile (0..1) of sorted numbers, by the nearest-rank method. */
export function percentile(sorted: number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.max(1, Math.ceil(q * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1];
}

/** Summarises response times (ms) measured over `seconds`. */
export function summarise(
	times: number[],
	seconds: number
): Omit<LoadResult, 'statuses' | 'errors'> {
	const sorted = [...times].sort((a, b) => a - b);
	return {
		requests: times.length,
		seconds,
		perSecond: times.length / seconds,
		p50Ms: percentile(sorted, 0.5),
		p95Ms: percentile(sorted, 0.95),
		p99Ms: percentile(sorted, 0.99),
		maxMs: sorted.at(-1) ?? Number.NaN
	};
}

/** Runs one autocannon load and returns throughput, exact percentiles and status counts. */
export async function runLoad(options: Options): Promise<LoadResult> {
	const times: number[] = [];
	const statuses: Record<string, number> = {};
	const started = performance.now();
	let last = started;
	const instance = autocannon({ timeout: 30, ...options });
	instance.on('response', (_client, statusCode, _bytes, ms) => {
		times.push(ms);
		statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
		last = performance.now();
	});
	const result = await instance;
	// Until the last response: autocannon notices that a fixed amount is done only on its
	// once-a-second tick, so its own end would round every run up to a whole second (2 000
	// registrations in 4.1 s were counted as 5.02 s, 398/s).
	const seconds = ((options.amount ? last : performance.now()) - started) / 1000;
	return { ...summarise(times, seconds), statuses, errors: result.errors };
}
