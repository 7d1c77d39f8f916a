// The bench's one table (stdout) and its JSON record under bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Row = {
	scenario: string;
	measure: string;
	value: string;
	floor: string;
	ratio: string;
	target: string;
	/** Whether the target is met; null where there is no target for this line. */
	met: boolean | null;
};

export const fmt = {
	n: (value: number, digits = 0) =>
		Number.isFinite(value)
			? value.toLocaleString('en-GB', {
					minimumFractionDigits: digits,
					maximumFractionDigits: digits
				})
			: '–',
	ms: (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–'),
	s: (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} s` : '–'),
	mb: (bytes: number) => `${Math.round(bytes / 1048576)} MB`,
	pct: (value: number) => (Number.isFinite(value) ? `${Math.round(value * 100)}%` : '–')
};

/** The machine the figures come from. */
export function machine() {
	const git = (...args: string[]) => {
		try {
			return execFileSync('git', args, { encoding: 'utf8' }).trim();
		} catch {
			return 'unknown';
		}
	};
	return {
		cpus: os.availableParallelism(),
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
		loadAverageAtStart: os.loadavg().map((v) => Number(v.toFixed(2))),
		node: process.version,
		platform: `${os.type()} ${os.release()}`,
		commit: git('rev-parse', '--short', 'HEAD'),
		dirty: git('status', '--porcelain', '--untracked-files=no') !== ''
	};
}

/** Renders rows as a fixed-width text table. */
export function table(rows: Row[]): string {
	const head = ['scenario', 'measure', 'value', 'floor', 'ratio', 'target', 'met'];
	const cells = rows.map((r) => [
		r.scenario,
		r.measure,
		r.value,
		r.floor,
		r.ratio,
		r.target,
		r.met === null ? '' : r.met ? 'yes' : 'NO'
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => v.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Writes the run's JSON to bench/results/<date>.json and returns its path. */
export function writeResults(root: string, record: object): string {
	const dir = path.join(root, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	const stamp = new Date().toISOString().slice(0, 16).replace(':', '-');
	const file = path.join(dir, `${stamp}.json`);
	writeFileSync(file, JSON.stringify(record, null, '\t') + '\n');
	return file;
}
