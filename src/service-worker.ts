/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

// Keeps the check-in desk and the field-visit roll call working with no network: the app's
// built assets are cached at install, and those two pages are kept from their last visit
// (network first, the kept copy when the network fails or hangs). Nothing else is cached: every
// other page needs the server, and the lists they use come sealed through fetch, never from here.

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `kaigi-${version}`;
const ASSETS = new Set([...build, ...files]);
const OFFLINE_PAGES = /^\/admin\/events\/[^/]+\/(checkin\/desk|visits\/\d+\/rollcall)\/?$/;
const NETWORK_WAIT_MS = 4000;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

/** The network's answer, or a rejection when it fails or takes too long (a weak venue Wi-Fi). */
function network(request: Request): Promise<Response> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('slow network')), NETWORK_WAIT_MS);
		fetch(request).then(
			(response) => {
				clearTimeout(timer);
				resolve(response);
			},
			(error) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}

async function offlinePage(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const key = new URL(request.url);
	key.search = '';
	try {
		const response = await network(request);
		if (response.ok && !response.redirected) await cache.put(key, response.clone());
		// Signed out or no longer on the staff: the kept copy goes too.
		else if (response.redirected || response.status === 403) await cache.delete(key);
		return response;
	} catch (error) {
		const kept = await cache.match(key);
		if (kept) return kept;
		throw error;
	}
}

async function asset(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	return (await cache.match(request)) ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSETS.has(url.pathname)) {
		event.respondWith(asset(request));
	} else if (request.mode === 'navigate' && OFFLINE_PAGES.test(url.pathname)) {
		event.respondWith(offlinePage(request));
	}
});
