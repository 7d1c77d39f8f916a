import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

// The app's routes as folders under src/routes, with the server files of each, so tests can
// cover every route and fail when a new one appears that they do not know.

const ROOT = path.resolve('src/routes');

export type RouteFolder = {
	/** SvelteKit's route id, e.g. "/admin/events/[slug]/edit". */
	id: string;
	/** +layout.server.ts files from the root down to this folder (the layouts that run). */
	layouts: string[];
	/** +page.server.ts of this folder, when it has one. */
	page?: string;
	/** +server.ts of this folder, when it has one. */
	server?: string;
	/** True when the folder renders a page (+page.svelte). */
	rendersPage: boolean;
	/** The names of the route's parameters, e.g. ["slug", "reference"]. */
	params: string[];
};

/** Every folder under src/routes (or under `under`, e.g. "/admin") that serves something. */
export function routeFolders(under = ''): RouteFolder[] {
	const found: RouteFolder[] = [];
	const walk = (dir: string, layouts: string[]) => {
		const file = (name: string) => {
			const p = path.join(dir, name);
			return existsSync(p) ? p : undefined;
		};
		const layout = file('+layout.server.ts');
		const chain = layout ? [...layouts, layout] : layouts;
		const page = file('+page.server.ts');
		const server = file('+server.ts');
		const rendersPage = Boolean(file('+page.svelte'));
		if (page || server || rendersPage) {
			const id = '/' + path.relative(ROOT, dir).split(path.sep).join('/');
			const normalised = id === '/' ? '/' : id.replace(/\/$/, '');
			found.push({
				id: normalised,
				layouts: chain,
				page,
				server,
				rendersPage,
				params: [...normalised.matchAll(/\[([a-z]+)\]/gi)].map((m) => m[1])
			});
		}
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name), chain);
		}
	};
	walk(ROOT, []);
	return found
		.filter((r) => r.id === under || r.id.startsWith(`${under}/`) || under === '')
		.sort((a, b) => a.id.localeCompare(b.id));
}

/** The URL path of a route id with its parameters filled in. */
export function routePath(id: string, params: Record<string, string>): string {
	return id.replace(/\[([a-z]+)\]/gi, (_, name: string) =>
		encodeURIComponent((params[name] ?? '').toWellFormed())
	);
}

type Handler = (event: never) => unknown;
export type PageModule = { load?: Handler; actions?: Record<string, Handler> };
export type ServerModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;

/** Imports a route's server file (through Vite, so $lib imports resolve). */
export async function importRoute<T>(file: string): Promise<T> {
	return (await import(/* @vite-ignore */ file)) as T;
}
