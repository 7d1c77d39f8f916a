// What the offline lists hold once opened on the device: one home for the server that seals
// them and the pages that read them.

/** Who a list names, as the desk and the escort see them. */
export type OfflinePerson = {
	id: number;
	reference: string;
	/** The name as on the badge. */
	badge: string;
	/** The name as on lists ("NGUYỄN Thi Minh Khai"), which the desk searches too. */
	name: string;
	delegation: string;
	/** The badge photo, small (WebP as base64), where there is one. */
	photo?: string;
};

/** One person of the offline desk list. */
export type DeskPerson = OfflinePerson & {
	category: string;
	status: string;
	/** What the badge's QR code holds. */
	qr: string;
	checkedIn: boolean;
};

export type RollCallState = 'boarded' | 'left' | 'absent';

export type RollCallMark = {
	clientId: string;
	stopId: number | null;
	registrationId: number;
	state: RollCallState;
	at: string;
};

/** What the escort's device downloads for one visit. */
export type RollCallSheet = { people: OfflinePerson[]; marks: RollCallMark[] };
