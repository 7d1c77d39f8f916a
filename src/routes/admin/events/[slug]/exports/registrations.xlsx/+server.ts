import { registrationsDownload } from '$lib/server/exports/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = registrationsDownload('xlsx');
