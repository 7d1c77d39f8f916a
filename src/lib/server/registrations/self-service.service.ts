import { inLanguage } from '../../domain/translations.ts';
import { db } from '../db/database.ts';
import { listRegistrationsOfUser } from './self-service.repository.ts';

// The delegate's side: what /me lists for the signed-in person.

/** The signed-in person's own registrations, for /me: each event's title and city in `locale`. */
export async function listOwnRegistrations(userId: number, locale: string) {
	const rows = await listRegistrationsOfUser(db(), userId);
	return rows.map(({ translations, ...row }) => {
		const texts = { title: row.event_title, city: row.city, translations };
		return {
			...row,
			event_title: inLanguage(texts, 'title', locale),
			city: inLanguage(texts, 'city', locale)
		};
	});
}
