import { networkInterfaces } from 'node:os';

type Interfaces = ReturnType<typeof networkInterfaces>;

/**
 * The addresses a browser may use to reach this machine on `port` over plain HTTP: localhost,
 * the loopback addresses and each network interface's address (a tablet on the LAN at the
 * check-in desk). IPv6 link-local addresses are left out: a browser's Origin never names them.
 */
export function ownOrigins(port: number, interfaces: Interfaces = networkInterfaces()): string[] {
	const hosts = new Set(['localhost', '127.0.0.1', '[::1]']);
	for (const list of Object.values(interfaces)) {
		for (const address of list ?? []) {
			if (address.family === 'IPv4') hosts.add(address.address);
			else if (!/^fe80:/i.test(address.address)) hosts.add(`[${address.address}]`);
		}
	}
	return [...hosts].map((host) => `http://${host}:${port}`);
}
