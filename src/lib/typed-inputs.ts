// On a slow connection people start typing before the page's JavaScript has hydrated it, and
// Svelte's hydration writes each input's server value back over what they typed. The root
// layout takes a snapshot of edited fields before hydration and puts them back afterwards.

type Snapshot = Array<{
	element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
	value: string | boolean;
}>;

/** Records every form field whose current value differs from the one the server sent. */
export function snapshotTypedInputs(): Snapshot {
	const typed: Snapshot = [];
	for (const element of document.querySelectorAll<
		HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement
	>('input, textarea, select')) {
		if (
			element instanceof HTMLInputElement &&
			(element.type === 'checkbox' || element.type === 'radio')
		) {
			if (element.checked !== element.defaultChecked)
				typed.push({ element, value: element.checked });
		} else if (element instanceof HTMLSelectElement) {
			const changed = [...element.options].some((o) => o.selected !== o.defaultSelected);
			if (changed) typed.push({ element, value: element.value });
		} else if (
			element.type !== 'hidden' &&
			element.type !== 'file' &&
			element.value !== element.defaultValue
		) {
			typed.push({ element, value: element.value });
		}
	}
	return typed;
}

/** Puts recorded values back into fields that are still on the page. */
export function restoreTypedInputs(typed: Snapshot): void {
	for (const { element, value } of typed) {
		if (!element.isConnected) continue;
		if (typeof value === 'boolean') (element as HTMLInputElement).checked = value;
		else element.value = value;
	}
}
