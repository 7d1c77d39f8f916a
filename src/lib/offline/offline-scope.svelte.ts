import {
	clearConflicts,
	conflicts as storedConflicts,
	dequeue,
	download,
	enqueue,
	getList,
	open,
	putConflict,
	putList,
	queued,
	seal,
	send,
	type QueueItem
} from './vault';

// The one home of what the offline desk and the field-visit roll call share: the sealed list
// opened with this tab's key, the queue kept through reloads, syncing when the network returns
// (in batches the server takes), conflicts kept sealed until the staff member clears them, and
// how fresh the list is.

/** A queued item's answer from the server. */
export type SyncAnswer = { clientId: string; outcome: string; message: string };
export type Conflict = { clientId: string; outcome: string; message: string };

export type ScopeConfig = {
	/** `event:12` or `visit:3`: what the key, the list and the queue belong to. */
	scope: string;
	/** The signed link of the sealed list. */
	listUrl: string;
	/** Where the queue is sent. */
	syncUrl: string;
	/** After a sync, download the list again (the roll call shows other escorts' marks). */
	downloadAfterSync?: boolean;
};

/** Folds the server's answers into the device's list (the desk marks who is now checked in). */
export type ApplyAnswers<T> = (list: T, items: QueueItem[], answers: SyncAnswer[]) => T;

/** The server takes at most this many items per request (offline-sync schema). */
const BATCH = 500;
/** How often the freshness line and a waiting queue are looked at again. */
const TICK_MS = 30_000;
/** Online, a list older than this is downloaded again (other desks' check-ins come with it). */
const REFRESH_MS = 5 * 60_000;

/** True when a signed link (its `expires` in ms) has less than a minute left. */
function linkExpiresSoon(url: string): boolean {
	const expires = Number(new URL(url, location.href).searchParams.get('expires'));
	return !Number.isFinite(expires) || expires - Date.now() < 60_000;
}

export class OfflineScope<T> {
	list = $state<T | null>(null);
	issuedAt = $state<string | null>(null);
	expiresAt = $state<string | null>(null);
	locked = $state(false);
	online = $state(true);
	queue = $state<QueueItem[]>([]);
	conflicts = $state<Conflict[]>([]);
	problem = $state<string | null>(null);
	lastSync = $state<number | null>(null);
	now = $state(Date.now());
	#syncing = false;
	#again = false;
	/** Items on their way into IndexedDB: already counted, so a quick second scan sees them. */
	#adding: Record<string, QueueItem> = {};
	#config: () => ScopeConfig;
	#apply: ApplyAnswers<T> | undefined;
	#renewLink: (() => Promise<void>) | undefined;

	/**
	 * `config` is read on each use, so a link signed again is taken; `renewLink` asks the page
	 * for a new signed link (its load again) when the one it has is about to expire.
	 */
	constructor(
		config: () => ScopeConfig,
		options: { apply?: ApplyAnswers<T>; renewLink?: () => Promise<void> } = {}
	) {
		this.#config = config;
		this.#apply = options.apply;
		this.#renewLink = options.renewLink;
	}

	get scope(): string {
		return this.#config().scope;
	}

	/** Minutes since the list was downloaded, or null before any download. */
	get ageMinutes(): number | null {
		if (!this.issuedAt) return null;
		return Math.max(0, Math.floor((this.now - Date.parse(this.issuedAt)) / 60_000));
	}

	/** True once the list is past its use-by time: still used, but the desk should download it again. */
	get stale(): boolean {
		return this.expiresAt !== null && this.now > Date.parse(this.expiresAt);
	}

	/** Opens what this device holds: the list, the queue, the conflicts. */
	async loadLocal(): Promise<void> {
		const scope = this.scope;
		const stored = await queued(scope);
		const inStore = stored.map((q) => q.clientId);
		const adding = Object.values(this.#adding).filter((q) => !inStore.includes(q.clientId));
		this.queue = [...stored, ...adding];
		const kept = await getList(scope);
		if (kept) {
			const opened = await open<T>(scope, kept.list);
			this.locked = opened === null;
			if (opened !== null) {
				this.list = opened;
				this.issuedAt = kept.issuedAt;
				this.expiresAt = kept.expiresAt;
			}
		}
		const sealed = await storedConflicts(scope);
		const opened = await Promise.all(sealed.map((c) => open<Conflict>(scope, c.sealed)));
		this.conflicts = opened.filter((c): c is Conflict => c !== null);
	}

	/** Downloads the list again; the reason in words when it cannot. */
	async refresh(): Promise<void> {
		this.problem = null;
		if (this.#renewLink && linkExpiresSoon(this.#config().listUrl)) {
			await this.#renewLink().catch(() => undefined);
		}
		const got = await download(this.scope, this.#config().listUrl);
		if (!got.ok) this.problem = got.message;
		await this.loadLocal();
	}

	/** Queues an item made on this device and tries to send it at once. */
	async add(item: Omit<QueueItem, 'scope'>): Promise<QueueItem> {
		const queuedItem: QueueItem = { ...item, scope: this.scope };
		this.queue = [...this.queue, queuedItem];
		this.#adding[queuedItem.clientId] = queuedItem;
		try {
			await enqueue(queuedItem);
		} finally {
			delete this.#adding[queuedItem.clientId];
		}
		void this.sync();
		return queuedItem;
	}

	/**
	 * Sends the queue; each answer leaves it, and every answer but "done" is kept as a conflict.
	 * True when something was sent. Called during a sync, it runs again once that one is done.
	 */
	async sync(): Promise<boolean> {
		if (this.#syncing) {
			this.#again = true;
			return false;
		}
		const { scope, syncUrl, downloadAfterSync } = this.#config();
		const items = await queued(scope);
		if (items.length === 0) return false;
		this.#syncing = true;
		this.#again = false;
		try {
			for (let i = 0; i < items.length; i += BATCH) {
				const batch = items.slice(i, i + BATCH).map(({ scope: _scope, ...rest }) => rest);
				const results = await send<SyncAnswer>(syncUrl, batch);
				if (!results) break;
				for (const r of results.filter((r) => r.outcome !== 'done')) {
					await this.#keepConflict({
						clientId: r.clientId,
						outcome: r.outcome,
						message: r.message
					});
				}
				await this.#applyAnswers(items.slice(i, i + BATCH), results);
				await dequeue(results.map((r) => r.clientId));
				this.lastSync = Date.now();
			}
		} finally {
			this.#syncing = false;
		}
		if (downloadAfterSync) await this.refresh();
		else await this.loadLocal();
		if (this.#again) await this.sync();
		return true;
	}

	/** Stores the list with the answers folded in, sealed again with the tab's key. */
	async #applyAnswers(items: QueueItem[], answers: SyncAnswer[]): Promise<void> {
		if (!this.#apply) return;
		const scope = this.scope;
		const stored = await getList(scope);
		const current = stored ? await open<T>(scope, stored.list) : null;
		if (!stored || current === null) return;
		const sealed = await seal(scope, this.#apply(current, items, answers));
		if (sealed) await putList({ ...stored, list: sealed });
	}

	async #keepConflict(conflict: Conflict): Promise<void> {
		const sealed = await seal(this.scope, conflict);
		// Without the tab's key it cannot be stored unreadable: shown until the page closes.
		if (sealed) await putConflict({ clientId: conflict.clientId, scope: this.scope, sealed });
		else this.conflicts = [...this.conflicts, conflict];
	}

	/** The staff member has read the conflicts. */
	async clearConflicts(): Promise<void> {
		this.conflicts = [];
		await clearConflicts(this.scope);
	}

	/**
	 * Opens the device's copy, downloads a fresh one and sends the queue when online, and keeps
	 * watching the network. Returns the clean-up for onMount.
	 */
	start(): () => void {
		this.online = navigator.onLine;
		const up = () => {
			this.online = true;
			void this.sync();
		};
		const down = () => (this.online = false);
		window.addEventListener('online', up);
		window.addEventListener('offline', down);
		const timer = setInterval(() => {
			this.now = Date.now();
			if (!navigator.onLine) return;
			const age = this.issuedAt ? this.now - Date.parse(this.issuedAt) : Infinity;
			void this.sync().then(() => (age > REFRESH_MS ? this.refresh() : undefined));
		}, TICK_MS);
		void (async () => {
			await this.loadLocal();
			if (navigator.onLine) {
				const sent = await this.sync();
				// A sync that downloads afterwards has just brought a fresh list.
				if (!(sent && this.#config().downloadAfterSync)) await this.refresh();
			}
		})();
		return () => {
			window.removeEventListener('online', up);
			window.removeEventListener('offline', down);
			clearInterval(timer);
		};
	}
}
