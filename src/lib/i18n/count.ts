import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';

/** "1 person", "1,250 people"; "1名", "1,250名": a number of people in the page's language. */
export function peopleCount(n: number): string {
	const count = n.toLocaleString(getLocale());
	return n === 1 ? m.ann_people_one({ count }) : m.ann_people_many({ count });
}
