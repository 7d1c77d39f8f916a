// Each scenario's result as lines of the table, with its floor, ratio and target.
import type { ExportResult } from './exports.ts';
import type { MailResult } from './mail.ts';
import type { PageResult } from './page.ts';
import { fmt, type Row } from './report.ts';
import type { RushResult } from './rush.ts';
import type { StartResult } from './start.ts';

export function startRows(measure: string, start: StartResult, limitMs: number): Row[] {
	return [
		{
			scenario: 'start',
			measure: `${measure} (median of ${start.runsMs.length})`,
			value: fmt.s(start.medianMs / 1000),
			floor: '',
			ratio: '',
			target: `≤ ${limitMs / 1000} s`,
			met: start.medianMs <= limitMs
		}
	];
}

export function pageRows(page: PageResult): Row[] {
	const ratio = page.page.perSecond / page.floor.perSecond;
	return [
		{
			scenario: 'event page',
			measure: `requests/s at 50 connections (floor: GET ${page.floorPath})`,
			value: fmt.n(page.page.perSecond),
			floor: fmt.n(page.floor.perSecond),
			ratio: fmt.pct(ratio),
			target: '≥ 50% of floor',
			met: ratio >= 0.5
		},
		{
			scenario: 'event page',
			measure: 'requests/s in Japanese (/ja/…, cached per language)',
			value: fmt.n(page.japanese.perSecond),
			floor: fmt.n(page.floor.perSecond),
			ratio: fmt.pct(page.japanese.perSecond / page.floor.perSecond),
			target: '≥ 50% of floor',
			met: page.japanese.perSecond / page.floor.perSecond >= 0.5
		},
		{
			scenario: 'event page',
			measure: 'p95 latency',
			value: fmt.ms(page.page.p95Ms),
			floor: fmt.ms(page.floor.p95Ms),
			ratio: '',
			target: '',
			met: null
		},
		{
			scenario: 'event page',
			measure: 'requests/s, rendered every request (no cache)',
			value: fmt.n(page.rendered.perSecond),
			floor: fmt.n(page.floor.perSecond),
			ratio: fmt.pct(page.rendered.perSecond / page.floor.perSecond),
			target: 'reported',
			met: null
		},
		{
			scenario: 'event page',
			measure: 'p95 latency, rendered every request',
			value: fmt.ms(page.rendered.p95Ms),
			floor: fmt.ms(page.floor.p95Ms),
			ratio: '',
			target: '',
			met: null
		}
	];
}

export function rushRows(rush: RushResult): Row[] {
	const { http, floor, trueFloor } = rush;
	const ratio = http.registrationsPerSecond / floor.registrationsPerSecond;
	const ofTrue = http.registrationsPerSecond / trueFloor.registrationsPerSecond;
	const lat = (r: typeof http) => `${fmt.ms(r.p50Ms)} / ${fmt.ms(r.p95Ms)} / ${fmt.ms(r.p99Ms)}`;
	const held = (r: typeof http) => `${r.oversold} / ${r.quotaBreaches} / ${r.counterMismatches}`;
	return [
		{
			scenario: 'registration rush',
			measure: `registrations/s (${http.created} of ${http.submissions}, 100 clients)`,
			value: fmt.n(http.registrationsPerSecond),
			floor: fmt.n(floor.registrationsPerSecond),
			ratio: fmt.pct(ratio),
			target: '≥ 400/s',
			met: http.registrationsPerSecond >= 400
		},
		{
			scenario: 'registration rush',
			measure: `over HTTP vs its statements straight through pg (service floor: ${fmt.pct(floor.registrationsPerSecond / trueFloor.registrationsPerSecond)} of it)`,
			value: fmt.n(http.registrationsPerSecond),
			floor: fmt.n(trueFloor.registrationsPerSecond),
			ratio: fmt.pct(ofTrue),
			target: '≥ 30% of the true floor',
			met: ofTrue >= 0.3 && trueFloor.errors === 0
		},
		{
			scenario: 'registration rush',
			measure: 'p50 / p95 / p99',
			value: lat(http),
			floor: lat(floor),
			ratio: '',
			target: 'p99 ≤ 500 ms',
			met: http.p99Ms <= 500
		},
		{
			scenario: 'registration rush',
			measure: `oversold / quota breaches / counter drift (${http.quotasFilled} quotas filled)`,
			value: held(http),
			floor: held(floor),
			ratio: '',
			target: '0 / 0 / 0',
			met:
				http.oversold + http.quotaBreaches + http.counterMismatches === 0 &&
				floor.oversold + floor.quotaBreaches + floor.counterMismatches === 0
		}
	];
}

export function exportRows(result: ExportResult): Row[] {
	const { csv, xlsx, floor } = result;
	const ratio = csv.seconds / floor.seconds;
	return [
		{
			scenario: 'export 100 000',
			measure: `CSV seconds (${fmt.mb(csv.bytes)}; floor psql \\copy)`,
			value: fmt.s(csv.seconds),
			floor: fmt.s(floor.seconds),
			ratio: `${ratio.toFixed(1)}×`,
			target: '≤ 5× floor',
			met: ratio <= 5
		},
		{
			scenario: 'export 100 000',
			measure: 'CSV server RSS growth',
			value: fmt.mb(csv.rss.growthBytes),
			floor: '',
			ratio: '',
			target: '≤ 150 MB',
			met: csv.rss.growthBytes <= 150 * 1048576
		},
		{
			scenario: 'export 100 000',
			measure: `XLSX seconds (${fmt.mb(xlsx.bytes)})`,
			value: fmt.s(xlsx.seconds),
			floor: fmt.s(floor.seconds),
			ratio: `${(xlsx.seconds / floor.seconds).toFixed(1)}×`,
			target: '≤ 15 s',
			met: xlsx.seconds <= 15
		},
		{
			scenario: 'export 100 000',
			measure: 'XLSX server RSS growth',
			value: fmt.mb(xlsx.rss.growthBytes),
			floor: '',
			ratio: '',
			target: 'reported',
			met: null
		}
	];
}

export function mailRows(mail: MailResult): Row[] {
	const ratio = mail.workerPerSecond / mail.floorPerSecond;
	return [
		{
			scenario: 'mail',
			measure: `messages/s, ${fmt.n(mail.messages)} queued → SMTP sink`,
			value: fmt.n(mail.workerPerSecond),
			floor: fmt.n(mail.floorPerSecond),
			ratio: fmt.pct(ratio),
			target: '≥ 50% of floor',
			met: ratio >= 0.5
		}
	];
}
