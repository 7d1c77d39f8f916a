// Public event page against the server's most trivial endpoint, at the same concurrency.
import { runLoad, type LoadResult } from './load.ts';

export type PageResult = {
	/** As visitors get it (served from the app's one-second cache for anonymous visitors). */
	page: LoadResult;
	/** The same page rendered for every request (a query string bypasses the cache). */
	rendered: LoadResult;
	/** The page in Japanese (`/ja/events/<slug>`): the cache keys on the language. */
	japanese: LoadResult;
	floor: LoadResult;
	floorPath: string;
	path: string;
};

/** Loads `/events/<slug>` and `floorPath` for `seconds` each at `connections`, after a warm-up. */
export async function runPage(
	url: string,
	slug: string,
	options: { connections: number; seconds: number; floorPath: string }
): Promise<PageResult> {
	const path = `/events/${slug}`;
	const check = await fetch(url + path);
	if (check.status !== 200) throw new Error(`GET ${path} answered ${check.status}`);
	if (!(await check.text()).includes('Caring Societies'))
		throw new Error(`GET ${path} does not show the event`);
	const load = (target: string, seconds: number) =>
		runLoad({
			url: url + target,
			connections: options.connections,
			duration: seconds,
			headers: { accept: 'text/html' }
		});
	await load(options.floorPath, 2);
	await load(`${path}?rendered=1`, 2);
	await load(`/ja${path}`, 2);
	const floor = await load(options.floorPath, options.seconds);
	const page = await load(path, options.seconds);
	const rendered = await load(`${path}?rendered=1`, options.seconds);
	const japanese = await load(`/ja${path}`, options.seconds);
	return { page, rendered, japanese, floor, floorPath: options.floorPath, path };
}
