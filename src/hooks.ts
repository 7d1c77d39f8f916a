import type { Reroute } from '@sveltejs/kit';
import { splitLocalePath } from '$lib/i18n/locales';

// `/ja/events/x` is the page `/events/x` in Japanese: the language prefix picks no route.
export const reroute: Reroute = ({ url }) => splitLocalePath(url.pathname).path;
