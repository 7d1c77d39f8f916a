import { spawn } from 'node:child_process';
import { config } from '../config.ts';
import { m } from '../../paraglide/messages.js';
import { checkUpload, type UploadRule, type UploadType } from './upload-kind.ts';

// The virus-scan hook for files that come from outside (nomination letters, files answering a
// question): after the type and size checks, UPLOAD_SCAN_COMMAND (when set) reads the bytes on
// stdin; exit 0 means clean, 1 infected, anything else (or no answer in time) that the file could
// not be checked, and it is refused either way: nothing unchecked is stored. ClamAV's
// `clamdscan --no-summary -` follows that convention. Unset, uploads are stored after the checks.

const SCAN_TIMEOUT_MS = 60_000;

type Verdict = 'clean' | 'infected' | 'failed';

function runScan(command: string, bytes: Uint8Array): Promise<Verdict> {
	return new Promise((resolve) => {
		const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'ignore', 'ignore'] });
		const timer = setTimeout(() => child.kill('SIGKILL'), SCAN_TIMEOUT_MS);
		child.on('error', () => {
			clearTimeout(timer);
			resolve('failed');
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve(code === 0 ? 'clean' : code === 1 ? 'infected' : 'failed');
		});
		// A scanner that stops reading early closes the pipe: its exit code still decides.
		child.stdin.on('error', () => {});
		child.stdin.end(bytes);
	});
}

/** The file's type when it passes the rule and the scan hook, or a plain sentence saying why not. */
export async function screenUpload(
	bytes: Uint8Array,
	rule: UploadRule
): Promise<{ ok: true; type: UploadType } | { ok: false; message: string }> {
	const checked = checkUpload(bytes, rule);
	const command = config().uploadScanCommand;
	if (!checked.ok || !command) return checked;
	const verdict = await runScan(command, bytes);
	if (verdict === 'clean') return checked;
	return {
		ok: false,
		message: verdict === 'infected' ? m.upload_infected() : m.upload_scan_failed()
	};
}
