// Runs before `npm start` (and the other entries): refuses a Node.js too old to run Kaigi's
// TypeScript scripts, which need type stripping on by default (Node.js 22.18). Without it,
// `node scripts/start.ts` fails with ERR_UNKNOWN_FILE_EXTENSION ".ts", and an `engines` field
// only warns. Plain JavaScript, so that any Node.js can run it.

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
	console.error(
		`Kaigi needs Node.js 22.18 or newer (you have ${process.versions.node}); see README (Quick start).`
	);
	process.exit(1);
}
