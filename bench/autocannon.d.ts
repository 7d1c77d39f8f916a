// The part of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	export type RequestParams = {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
	};

	export type Options = {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		method?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
		requests?: Array<
			RequestParams & {
				setupRequest?: (request: RequestParams, context: object) => RequestParams | null;
			}
		>;
	};

	export type Histogram = { average: number; p50: number; p99: number; max: number };

	export type Result = {
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		latency: Histogram;
		requests: Histogram & { total: number };
		statusCodeStats: Record<string, { count: number }>;
	};

	export type Instance = EventEmitter &
		PromiseLike<Result> & {
			on(
				event: 'response',
				listener: (client: unknown, statusCode: number, resBytes: number, ms: number) => void
			): Instance;
			stop(): void;
		};

	export default function autocannon(options: Options): Instance;
}
