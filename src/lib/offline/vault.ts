import { m } from '../paraglide/messages.js';

// The device side of offline check-in: sealed lists and conflicts in IndexedDB, the queue of
// check-ins and roll-call marks waiting for the network. The key that opens a list comes from
// the server with it and stays in this tab's sessionStorage only (kept across a reload, gone
// with the tab, different for every sign-in): IndexedDB never holds anything readable but ids.

const DB_NAME = 'kaigi-offline';
type Store = 'lists' | 'queue' | 'conflicts';

export type Sealed = { iv: string; data: string };
export type StoredList = {
	scope: string;
	list: Sealed;
	issuedAt: string;
	expiresAt: string;
	count: number;
};
export type QueueItem = {
	clientId: string;
	scope: string;
	registrationId: number;
	at: string;
	stopId?: number | null;
	state?: 'boarded' | 'left' | 'absent';
};
export type StoredConflict = { clientId: string; scope: string; sealed: Sealed };

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
	opened ??= new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => {
			const db = req.result;
			db.createObjectStore('lists', { keyPath: 'scope' });
			db.createObjectStore('queue', { keyPath: 'clientId' });
			db.createObjectStore('conflicts', { keyPath: 'clientId' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	return opened;
}

async function store(name: Store, mode: IDBTransactionMode) {
	return (await database()).transaction(name, mode).objectStore(name);
}

export async function getList(scope: string): Promise<StoredList | undefined> {
	return request((await store('lists', 'readonly')).get(scope));
}

export async function putList(list: StoredList): Promise<void> {
	await request((await store('lists', 'readwrite')).put(list));
}

export async function queued(scope: string): Promise<QueueItem[]> {
	const all = (await request((await store('queue', 'readonly')).getAll())) as QueueItem[];
	return all.filter((i) => i.scope === scope).sort((a, b) => a.at.localeCompare(b.at));
}

export async function enqueue(item: QueueItem): Promise<void> {
	await request((await store('queue', 'readwrite')).put(item));
}

export async function dequeue(clientIds: string[]): Promise<void> {
	const queue = await store('queue', 'readwrite');
	await Promise.all(clientIds.map((id) => request(queue.delete(id))));
}

export async function conflicts(scope: string): Promise<StoredConflict[]> {
	const all = (await request((await store('conflicts', 'readonly')).getAll())) as StoredConflict[];
	return all.filter((c) => c.scope === scope);
}

export async function putConflict(conflict: StoredConflict): Promise<void> {
	await request((await store('conflicts', 'readwrite')).put(conflict));
}

export async function clearConflicts(scope: string): Promise<void> {
	const list = await conflicts(scope);
	const s = await store('conflicts', 'readwrite');
	await Promise.all(list.map((c) => request(s.delete(c.clientId))));
}

const keyName = (scope: string) => `kaigi-offline-key:${scope}`;

function bytes(base64: string): Uint8Array<ArrayBuffer> {
	const raw = atob(base64);
	const out = new Uint8Array(raw.length);
	for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
	return out;
}

function base64(data: ArrayBuffer | Uint8Array): string {
	let text = '';
	for (const b of new Uint8Array(data)) text += String.fromCharCode(b);
	return btoa(text);
}

/** Keeps the session's key for this tab only. */
export function rememberKey(scope: string, key: string): void {
	sessionStorage.setItem(keyName(scope), key);
}

async function cryptoKey(scope: string): Promise<CryptoKey | null> {
	const raw = sessionStorage.getItem(keyName(scope));
	if (!raw) return null;
	return crypto.subtle.importKey('raw', bytes(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Opens a sealed value with this tab's key; null when the tab has no key or it does not fit. */
export async function open<T>(scope: string, sealed: Sealed): Promise<T | null> {
	const key = await cryptoKey(scope);
	if (!key) return null;
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: bytes(sealed.iv) },
			key,
			bytes(sealed.data)
		);
		return JSON.parse(new TextDecoder().decode(plain)) as T;
	} catch {
		return null;
	}
}

/** Seals a value with this tab's key (conflict messages name people). */
export async function seal(scope: string, value: unknown): Promise<Sealed | null> {
	const key = await cryptoKey(scope);
	if (!key) return null;
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		key,
		new TextEncoder().encode(JSON.stringify(value))
	);
	return { iv: base64(iv), data: base64(data) };
}

/** Downloads a sealed list by its signed link and keeps it; the reason in words on failure. */
export async function download(
	scope: string,
	url: string
): Promise<{ ok: true; list: StoredList } | { ok: false; message: string }> {
	let response: Response;
	try {
		response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
	} catch {
		return { ok: false, message: m.desk_download_no_network() };
	}
	if (response.status === 403) {
		return { ok: false, message: m.desk_download_expired() };
	}
	if (!response.ok)
		return { ok: false, message: m.desk_download_failed({ status: response.status }) };
	const body = (await response.json()) as StoredList & { key: string };
	rememberKey(scope, body.key);
	const list: StoredList = {
		scope,
		list: body.list,
		issuedAt: body.issuedAt,
		expiresAt: body.expiresAt,
		count: body.count
	};
	await putList(list);
	return { ok: true, list };
}

/** Sends a queue; the server's answers, or null when the network is away. */
export async function send<R>(url: string, items: unknown[]): Promise<R[] | null> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items }),
			credentials: 'same-origin'
		});
		if (!response.ok) return null;
		return ((await response.json()) as { results: R[] }).results;
	} catch {
		return null;
	}
}

/** "09:12" in the device's clock, for freshness and queue lines. */
export function clockTime(at: string | number): string {
	return new Date(at).toLocaleTimeString([], {
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	});
}
