import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import BarChart from '../../src/lib/components/BarChart.svelte';

// Bar widths as the dashboard draws them (server-rendered SVG).
function widths(props: Parameters<typeof BarChart>[1]) {
	const { body } = render(BarChart, { props });
	return [...body.matchAll(/<rect class="(bar|track)[^"]*"[^>]*width="([\d.]+)%"/g)].map(
		([, kind, width]) => `${kind} ${width}`
	);
}

describe('the bar chart', () => {
	const visits = [
		{ label: 'Hospital', value: 10, max: 10 },
		{ label: 'Day-care centre', value: 20, max: 40 }
	];

	it('draws each field visit’s fullness against its own seats', () => {
		expect(widths({ title: 'Seats', bars: visits, eachAgainstMax: true })).toEqual([
			'track 100.00',
			'bar 100.00',
			'track 100.00',
			'bar 50.00'
		]);
	});

	it('otherwise puts every bar on one scale', () => {
		expect(widths({ title: 'Seats', bars: visits })).toEqual([
			'track 25.00',
			'bar 25.00',
			'track 100.00',
			'bar 50.00'
		]);
	});
});
