import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { nulInAddressRefusal } from '../../src/lib/server/http-security.ts';
import { seedDemo } from '../../src/lib/server/seed/seed.ts';
import { expectClearRefusal, expectNoCrash, hostileString, outcome } from '../helpers/hostile.ts';
import { ANONYMOUS, type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';
import {
	importRoute,
	routeFolders,
	routePath,
	type PageModule,
	type ServerModule
} from '../helpers/routes.ts';

// Every load, form action and +server.ts handler of the app, on the demo data, with hostile
// route parameters, query strings and form fields: never a 500, and a refused form says why.
// The field and query names come from the app's own source (every name="…" of a form, every
// searchParams.get('…')), so a new form field is fuzzed without touching this file.

const RUNS = Number(process.env.HOSTILE_RUNS ?? 15);

function sourceFiles(dir: string, pattern: RegExp): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && pattern.test(e.name))
		.map((e) => path.join(e.parentPath, e.name));
}

const sources = [
	...sourceFiles('src/routes', /\.(svelte|ts)$/),
	...sourceFiles('src/lib', /\.(svelte|ts)$/)
].map((f) => readFileSync(f, 'utf8'));
const FIELDS = [
	...new Set(sources.flatMap((s) => [...s.matchAll(/name="([a-zA-Z]+)"/g)].map((m) => m[1])))
];
const QUERY_KEYS = [
	...new Set(
		sources.flatMap((s) =>
			[...s.matchAll(/(?:searchParams\.(?:get|has|getAll)|\bget)\('([a-zA-Z]+)'\)/g)].map(
				(m) => m[1]
			)
		)
	)
];

type Valid = Record<string, string[]>;
let valid: Valid;
let admin: Locals;
let delegate: Locals;

beforeAll(async () => {
	await seedDemo(db());
	const event = await db()
		.selectFrom('events')
		.selectAll()
		.where('slug', '=', 'hiv-aids-workshop')
		.executeTakeFirstOrThrow();
	const registrations = await db()
		.selectFrom('registrations')
		.select(['id', 'reference', 'user_id', 'status'])
		.where('event_id', '=', event.id)
		.execute();
	const visits = await db()
		.selectFrom('field_visits')
		.select('id')
		.where('event_id', '=', event.id)
		.execute();
	const emails = await db().selectFrom('emails').select('id').limit(5).execute();
	const delegations = await db()
		.selectFrom('delegations')
		.select(['id', 'code'])
		.where('event_id', '=', event.id)
		.execute();
	const staff = await db().selectFrom('users').select('id').where('is_staff', '=', true).execute();
	const owner = registrations.find((r) => r.status === 'confirmed')!;
	const ids = (rows: Array<{ id: number }>) => rows.map((r) => String(r.id));
	valid = {
		slug: [event.slug, 'hlom-6', 'labour-leaders-training'],
		reference: [owner.reference, ...registrations.slice(0, 3).map((r) => r.reference)],
		id: [...ids(visits), ...ids(emails)],
		token: ['a'.repeat(32)],
		registrationId: ids(registrations).slice(0, 5),
		ids: ids(registrations).slice(0, 5),
		visitId: ids(visits),
		emailId: ids(emails),
		delegationId: ids(delegations),
		delegation: delegations.map((d) => d.code),
		userId: ids(staff),
		decision: ['approve', 'waitlist', 'decline'],
		status: ['confirmed', 'pending', 'waitlisted'],
		statuses: ['confirmed', 'pending'],
		confirm: ['yes', 'on'],
		direction: ['up', 'down'],
		role: ['organizer', 'secretariat', 'checkin'],
		category: ['delegate', 'observer'],
		op: ['add', 'up:1', 'remove:0']
	};
	admin = await localsFor(
		(
			await db()
				.selectFrom('users')
				.select('id')
				.where('email', '=', 'admin@kaigi.example')
				.executeTakeFirstOrThrow()
		).id
	);
	delegate = await localsFor(owner.user_id, 'email_link');
});

/** A value for a field: a known-good one (to get past the first checks) or a hostile one. */
function value(name: string): fc.Arbitrary<string> {
	const good = valid[name];
	return good?.length
		? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...good) }, hostileString())
		: hostileString();
}

const folders = routeFolders();

describe.each(folders.map((r) => [r.id, r] as const))('%s', (id, route) => {
	const who = () => (id.startsWith('/admin') ? admin : id.startsWith('/me') ? delegate : ANONYMOUS);
	const paramsArb = () =>
		fc.record(Object.fromEntries(route.params.map((p) => [p, value(p)]))) as fc.Arbitrary<
			Record<string, string>
		>;
	const queryArb = () =>
		fc
			.uniqueArray(fc.constantFrom(...QUERY_KEYS), { maxLength: 4 })
			.chain((keys) =>
				fc.tuple(...keys.map((k) => value(k).map((v) => [k, v] as const)), fc.constant(null))
			)
			.map((pairs) => {
				const query = new URLSearchParams();
				for (const pair of pairs) if (pair) query.append(pair[0], pair[1].toWellFormed());
				return query.toString();
			});

	const loaders = [...route.layouts, route.page, route.server].filter(Boolean) as string[];
	if (loaders.length) {
		it('answers any parameters and query string without a 500', async () => {
			await fc.assert(
				fc.asyncProperty(paramsArb(), queryArb(), async (params, query) => {
					const url = `${routePath(id, params)}${query ? `?${query}` : ''}`;
					// What hooks.server.ts refuses before any handler runs.
					if (nulInAddressRefusal(new URL(url, 'http://127.0.0.1'))) return;
					for (const file of loaders) {
						const mod = await importRoute<PageModule & ServerModule>(file);
						const handler = file.endsWith('+server.ts') ? mod.GET : mod.load;
						if (!handler) continue;
						const event = routeEvent({ locals: who(), path: url, params });
						const result = await outcome(() => handler(event as never));
						expectNoCrash(result, { file, params, query });
					}
				}),
				{ numRuns: RUNS }
			);
		});
	}

	if (route.page) {
		it('answers any form to any action without a 500, and says why it refuses', async () => {
			const mod = await importRoute<PageModule>(route.page!);
			const actions = Object.keys(mod.actions ?? {});
			if (actions.length === 0) return;
			const form = fc
				.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 0, maxLength: 6 })
				.chain((names) =>
					fc.tuple(
						...names.map((n) =>
							fc.array(value(n), { minLength: 1, maxLength: 2 }).map((vs) => [n, vs] as const)
						),
						fc.constant(null)
					)
				)
				.map((pairs) => Object.fromEntries(pairs.filter((p) => p !== null)));
			await fc.assert(
				fc.asyncProperty(
					fc.constantFrom(...actions),
					paramsArb(),
					form,
					async (action, params, fields) => {
						const path = `${routePath(id, params)}${action === 'default' ? '' : `?/${action}`}`;
						if (nulInAddressRefusal(new URL(path, 'http://127.0.0.1'))) return;
						const event = routeEvent({
							locals: who(),
							path,
							params,
							form: fields as Record<string, string[]>
						});
						const result = await outcome(() => mod.actions![action](event as never));
						expectNoCrash(result, { action, params, fields });
						if (result.kind === 'fail') expectClearRefusal(result, { action, fields });
					}
				),
				{ numRuns: RUNS }
			);
		});
	}
});
