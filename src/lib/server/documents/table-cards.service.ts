import { assertCan, type Actor } from '../auth/actor.ts';
import type { Event } from '../db/schema.ts';
import { tableCardsPdf } from './table-cards-pdf.ts';

/** Table cards for delegations or people, for the secretariat (no personal data beyond names). */
export async function tableCards(actor: Actor, event: Event, which: 'delegations' | 'people') {
	await assertCan(actor, event.id, 'documents.issue');
	return tableCardsPdf(event, which);
}
