import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import pg from 'pg';
import { databaseUrl } from '../helpers/databases.ts';

export const MAIL_DIR = path.resolve('.data-e2e/mail');

export const DEMO = {
	admin: { email: 'admin@kaigi.example', password: 'kaigi-demo-admin' },
	organizer: { email: 'organizer@kaigi.example', password: 'kaigi-demo-organizer' },
	secretariat: { email: 'secretariat@kaigi.example', password: 'kaigi-demo-secretariat' },
	checkin: { email: 'checkin@kaigi.example', password: 'kaigi-demo-checkin' }
};

/** Signs in at /login as staff. */
export async function staffLogin(page: Page, who: { email: string; password: string }) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/admin/);
}

/** Asserts that axe finds no WCAG A/AA violations on the current page. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/** Every message the catcher has saved, parsed, newest last. */
export async function caughtMail(): Promise<ParsedMail[]> {
	const files = (await readdir(MAIL_DIR).catch(() => [] as string[]))
		.filter((f) => f.endsWith('.eml'))
		.sort();
	return Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(MAIL_DIR, f)))));
}

/** Waits for a message to `to` whose subject matches, and returns it. */
export async function waitForMail(
	to: string,
	subject: RegExp,
	timeoutMs = 20_000
): Promise<ParsedMail> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = (await caughtMail()).filter(
			(m) =>
				m.to &&
				JSON.stringify(m.to).toLowerCase().includes(to.toLowerCase()) &&
				subject.test(m.subject ?? '')
		);
		if (found.length) return found[found.length - 1];
		if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * The e2e server's database, for making test events: on TEST_DATABASE_URL's server, or the
 * embedded PostgreSQL the server started (whose address it writes into its data folder).
 */
export async function e2eDatabase(): Promise<pg.Client> {
	const server = process.env.TEST_DATABASE_URL;
	const port = process.env.E2E_PORT ?? '4173';
	const url = server
		? databaseUrl(server, `kaigi_test_e2e_${port}`)
		: (await readFile(path.resolve('.data-e2e/postgres.url'), 'utf8')).trim();
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	return client;
}

/** A published event with open registration, made by one test file for itself. */
export type OpenEvent = {
	/** The start of its slug and of its code: a random suffix keeps runs apart. */
	slugPrefix: string;
	codePrefix: string;
	title: string;
	kind: 'meeting' | 'training';
	/** Days from today to the first day, and the number of days after it. */
	startsIn: number;
	lasts: number;
	capacity: number;
	collectVisaSupport: boolean;
	contactEmail: string;
	privacyNotice?: string;
	/** Its delegations in order: [country code, name]. */
	delegations: Array<[string, string]>;
};

/** Inserts an OpenEvent in Tokyo into the e2e server's database; returns its id, slug and code. */
export async function insertOpenEvent(
	client: pg.Client,
	o: OpenEvent
): Promise<{ id: number; slug: string; code: string }> {
	const suffix = Math.random().toString(36).slice(2, 7);
	const slug = `${o.slugPrefix}-${suffix}`;
	const code = `${o.codePrefix}${suffix
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.slice(0, 5)}`;
	const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
	const { rows } = await client.query(
		`insert into events (slug, code, title, kind, starts_on, ends_on, venue, city, country,
			time_zone, contact_email, status, registration_mode, capacity, collect_visa_support,
			privacy_notice)
		 values ($1, $2, $3, $4, $5, $6, 'Mita Conference Hall', 'Tokyo', 'JP', 'Asia/Tokyo', $7,
			'published', 'open', $8, $9, $10)
		 returning id`,
		[
			slug,
			code,
			o.title,
			o.kind,
			day(o.startsIn),
			day(o.startsIn + o.lasts),
			o.contactEmail,
			o.capacity,
			o.collectVisaSupport,
			o.privacyNotice ?? ''
		]
	);
	const id: number = rows[0].id;
	await client.query(
		`insert into delegations (event_id, kind, country_code, code, name, sort_order)
		 select $1, 'country', c, c, n, i - 1
		 from unnest($2::text[], $3::text[]) with ordinality as t(c, n, i)`,
		[id, o.delegations.map(([c]) => c), o.delegations.map(([, n]) => n)]
	);
	return { id, slug, code };
}

/** The page fits its screen's width: nothing to scroll sideways (a phone at 390 px). */
export async function noSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}
