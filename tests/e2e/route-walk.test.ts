import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
	DEMO,
	e2eDatabase,
	expectNoAxeViolations,
	noSidewaysScroll,
	staffLogin
} from './helpers.ts';

// Every page route, walked in English and in Japanese on the demo data: each answers 200 with
// <html lang> right, no message key or "undefined" shows, and the Japanese page is written in
// Japanese. The list comes from the route folders, so a new page is walked without being added
// here; the few whose address needs a one-time token or a session state are named with why.

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? '4173'}`;

/** Every message key: a page showing one shows a message that is missing. */
const KEYS = Object.keys(JSON.parse(readFileSync('messages/en.json', 'utf8'))).filter((k) =>
	k.includes('_')
);

/** Pages a plain GET cannot open: a token from a mail, or the middle of a sign-in. */
const NOT_WALKED: Record<string, string> = {
	'/delegations/[token]': 'a focal point’s one-time link (tests/e2e/delegations.test.ts)',
	'/delegations/[token]/register': 'a focal point’s one-time link (tests/e2e/delegations.test.ts)',
	'/invitations/[token]': 'an invitation link (tests/e2e/invitations.test.ts)',
	'/invitations/[token]/register': 'an invitation link (tests/e2e/invitations.test.ts)',
	'/login/password/[token]': 'a password link (tests/e2e/staff-accounts.test.ts)',
	'/login/two-factor/setup': 'the middle of a sign-in (tests/e2e/staff-accounts.test.ts)',
	'/login/two-factor/verify': 'the middle of a sign-in (tests/e2e/staff-accounts.test.ts)',
	'/me/email/[token]': 'an e-mail change link (tests/e2e/self-service.test.ts)',
	'/signin/[token]': 'a sign-in link (tests/e2e/self-service.test.ts)',
	'/events/[slug]/register/done': 'the answer to a registration (tests/e2e/languages.test.ts)',
	'/admin/events/[slug]/invitations/import/[id]':
		'an uploaded file (tests/e2e/invitations.test.ts)',
	'/me': 'a delegate’s session (tests/e2e/self-service.test.ts)',
	'/me/registrations/[reference]': 'a delegate’s session (tests/e2e/self-service.test.ts)',
	'/me/registrations/[reference]/answers': 'a delegate’s session (tests/e2e/questions.test.ts)',
	'/me/registrations/[reference]/documents': 'a delegate’s session (tests/e2e/documents.test.ts)',
	'/me/registrations/[reference]/edit': 'a delegate’s session (tests/e2e/self-service.test.ts)',
	'/me/registrations/[reference]/itinerary': 'a delegate’s session (tests/e2e/visits.test.ts)',
	'/me/registrations/[reference]/visits': 'a delegate’s session (tests/e2e/visits.test.ts)'
};

function pageRoutes(dir = 'src/routes', prefix = ''): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return pageRoutes(full, `${prefix}/${name}`);
		return /^\+page(@.*)?\.svelte$/.test(name) ? [prefix || '/'] : [];
	});
}

async function demoParams() {
	const client = await e2eDatabase();
	try {
		const one = async (sql: string) => {
			const { rows } = await client.query(sql);
			expect(rows[0], sql).toBeTruthy();
			return String(Object.values(rows[0])[0]);
		};
		const visitEvent = await one(
			`select e.slug from events e join field_visits v on v.event_id = e.id order by e.id limit 1`
		);
		return {
			meeting: 'hlom-6',
			visitEvent,
			visit: await one(
				`select v.id from field_visits v join events e on e.id = v.event_id
				 where e.slug = '${visitEvent}' order by v.id limit 1`
			),
			reference: await one(
				`select r.reference from registrations r join events e on e.id = r.event_id
				 where e.slug = 'hlom-6' and r.status = 'confirmed' order by r.id limit 1`
			),
			mail: await one(
				`select m.id from emails m join events e on e.id = m.event_id
				 where e.slug = 'hlom-6' order by m.id limit 1`
			)
		};
	} finally {
		await client.end();
	}
}

/** A route's address on the demo data. */
function addressOf(route: string, p: Awaited<ReturnType<typeof demoParams>>): string {
	return route
		.replace('[slug]', route.includes('/visits') ? p.visitEvent : p.meeting)
		.replace('[reference]', p.reference)
		.replace('/verify/[code]', '/verify/HLOM6-NOSUCH')
		.replace('[code]', 'TH')
		.replace('[kind]', 'visa_letter')
		.replace('/mail/[id]', `/mail/${p.mail}`)
		.replace('/visits/[id]', `/visits/${p.visit}`);
}

async function session(who: { email: string; password: string }) {
	const response = await fetch(`${BASE}/login`, {
		method: 'POST',
		headers: {
			origin: BASE,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(who),
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	const line = response.headers.getSetCookie().find((c) => c.startsWith('kaigi_session='));
	return line!.split(';')[0];
}

/** The words a reader sees: the body without scripts, styles, tags and code (CSV column names). */
function visibleText(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/g, ' ')
		.replace(/<code[\s\S]*?<\/code>/g, ' ')
		.replace(/<style[\s\S]*?<\/style>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&[a-z]+;|&#\d+;/g, ' ')
		.replace(/\s+/g, ' ');
}

test('every page renders in English and in Japanese, with no missing message', async () => {
	test.setTimeout(180_000);
	const p = await demoParams();
	const organizer = await session(DEMO.organizer);
	const admin = await session(DEMO.admin);
	const walked: string[] = [];
	for (const route of pageRoutes()) {
		if (route in NOT_WALKED) continue;
		const address = addressOf(route, p);
		expect(address, `${route}: a parameter the walk cannot fill`).not.toMatch(/\[/);
		// Sign-in pages are for the signed-out; the staff accounts page for administrators.
		const signedOut = route.startsWith('/login') || route.startsWith('/signin');
		const cookie = signedOut ? '' : route.startsWith('/admin/staff') ? admin : organizer;
		for (const locale of ['en', 'ja'] as const) {
			const url = locale === 'en' ? address : `/ja${address === '/' ? '' : address}`;
			const response = await fetch(`${BASE}${url}`, {
				headers: { cookie, accept: 'text/html' },
				redirect: 'manual'
			});
			const html = await response.text();
			expect(response.status, `${url}`).toBe(200);
			expect(html, `${url}: <html lang>`).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
			const text = visibleText(html);
			expect(text, `${url}: a value left undefined`).not.toMatch(
				/\bundefined\b|\[object Object\]|\bNaN\b/
			);
			// A message that is missing shows as its key ("sreg_title"): none of them may appear.
			const words = new Set(text.split(/[^\w]+/));
			expect(
				KEYS.filter((key) => words.has(key)),
				`${url}: a message key`
			).toEqual([]);
			if (locale === 'ja') {
				// The page's own content, not the site's header with its "日本語" switch.
				const main = visibleText(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');
				expect(main, `${url}: written in Japanese`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
			}
		}
		walked.push(route);
	}
	// The walk covers every page but those named above, and names no page that is gone.
	const all = pageRoutes();
	expect(walked.length + Object.keys(NOT_WALKED).length).toBe(all.length);
	expect(Object.keys(NOT_WALKED).filter((r) => !all.includes(r))).toEqual([]);
});

test('the staff pages in Japanese fit a 390 px phone, and the main ones pass axe', async ({
	page
}) => {
	test.setTimeout(240_000);
	const p = await demoParams();
	await page.setViewportSize({ width: 390, height: 844 });
	await staffLogin(page, DEMO.organizer);
	const axe = new Set([
		'/admin',
		'/admin/events/[slug]',
		'/admin/events/[slug]/registrations',
		'/admin/events/[slug]/checkin',
		'/admin/events/[slug]/delegations',
		'/admin/events/[slug]/logistics/arrivals',
		'/admin/events/[slug]/visits/[id]/manifest',
		'/admin/events/[slug]/exports',
		'/events/[slug]',
		'/events/[slug]/register'
	]);
	for (const route of pageRoutes()) {
		if (route in NOT_WALKED || route.startsWith('/login') || route.startsWith('/signin')) continue;
		if (route.startsWith('/admin/staff')) continue;
		const address = addressOf(route, p);
		await page.goto(`/ja${address === '/' ? '' : address}`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
		await noSidewaysScroll(page).catch((error: Error) => {
			throw new Error(`${address} at 390 px: ${error.message}`);
		});
		if (axe.has(route)) await expectNoAxeViolations(page);
	}
});
