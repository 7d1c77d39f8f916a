import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Category } from '../../domain/category.ts';
import type { Dietary } from '../../domain/dietary.ts';
import type { QuestionKind } from '../../domain/question.ts';
import type { RegistrationStatus } from '../../domain/registration-status.ts';
import type { RollCallState } from '../../offline/offline-list.ts';

// The core terms' codes come from the domain core (src/lib/domain); the migrations' checks
// hold the same lists.
export type { Category, Dietary, RegistrationStatus };

// Column types of the tables created in migrations/. Keep in step with the migrations.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Texts of a row in other languages: language tag → field → text (0250). */
export type Translations = Record<string, Record<string, string>>;

export interface UsersTable {
	id: Generated<number>;
	email: string;
	display_name: string;
	password_hash: string | null;
	is_admin: Generated<boolean>;
	is_staff: Generated<boolean>;
	disabled_at: Timestamp | null;
	created_at: GeneratedTimestamp;
	/** May create events (and so become their organizer); given by an administrator. */
	can_create_events: Generated<boolean>;
	/** The language of the person's pages and mails, chosen on their account (0220). */
	language: Generated<string>;
}

export interface SessionsTable {
	id: string;
	user_id: number;
	secret_hash: Uint8Array;
	auth_method: 'password' | 'email_link';
	created_at: Timestamp;
	last_verified_at: Timestamp;
	expires_at: Timestamp;
	/** A password session still waiting for its second factor, or for the person to enrol one. */
	awaiting?: ColumnType<
		'second_factor' | 'enrolment' | null,
		'second_factor' | 'enrolment' | null | undefined,
		'second_factor' | 'enrolment' | null
	>;
}

export interface SignInTokensTable {
	id: Generated<number>;
	token_hash: Uint8Array;
	user_id: number;
	purpose: 'delegate_sign_in' | 'staff_invitation' | 'password_reset';
	created_at: Timestamp;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Timestamp;
	actor_user_id: number | null;
	action: string;
	entity_type: string;
	entity_id: string;
	event_id: number | null;
	diff: Json;
}

export interface RateLimitsTable {
	key: string;
	count: number;
	window_started_at: Timestamp;
	blocked_until: Timestamp | null;
}

export type EventStatus = 'draft' | 'published' | 'closed' | 'archived' | 'cancelled';
export type RegistrationMode = 'invitation' | 'open' | 'approval';
export type StaffRole = 'organizer' | 'secretariat' | 'checkin';
export type Placement = 'first' | 'last' | 'alphabetical';
export type InvitationStatus = 'pending' | 'sent' | 'accepted' | 'declined' | 'revoked';
export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface EventsTable {
	id: Generated<number>;
	/** Whether registrants give a photo for their badge. */
	photo_policy: Generated<'off' | 'optional' | 'required'>;
	/** Counts the changes to the event's questions: the answers schema is kept per version (0190). */
	questions_version: Generated<number>;
	slug: string;
	code: string;
	title: string;
	series: string | null;
	edition: number | null;
	kind: 'meeting' | 'workshop' | 'training';
	/** Calendar days 'YYYY-MM-DD' in the event's time zone. */
	starts_on: string;
	ends_on: string;
	venue: Generated<string>;
	city: Generated<string>;
	country: string | null;
	time_zone: string;
	description_md: Generated<string>;
	contact_email: string;
	visibility: Generated<'public' | 'unlisted'>;
	status: Generated<EventStatus>;
	registration_mode: Generated<RegistrationMode>;
	registration_opens_at: Timestamp | null;
	registration_closes_at: Timestamp | null;
	invitations_bypass_window: Generated<boolean>;
	capacity: number | null;
	seats_taken: Generated<number>;
	collect_visa_support: Generated<boolean>;
	privacy_notice: Generated<string>;
	host_placement: Generated<Placement>;
	organisations_placement: Generated<Placement>;
	retention_days: Generated<number>;
	purged_at: Timestamp | null;
	created_by: number | null;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
	published_at: Timestamp | null;
	version: Generated<number>;
	/** When focal points must have nominated their delegation (0140). */
	nomination_deadline: Timestamp | null;
	/** Days before the deadline when the worker reminds unfinished focal points, once. */
	nomination_reminder_days: number | null;
	/** Registrations of a delegation with a focal point wait for its endorsement (0142). */
	endorsement_required: Generated<boolean>;
	/** Title, venue, description and privacy notice in other languages (0250). */
	translations: Generated<Translations>;
	/** The language of the event's exports, List of Participants and badges (0250). */
	official_language: Generated<string>;
}

export interface EventStaffTable {
	event_id: number;
	user_id: number;
	role: StaffRole;
	added_at: GeneratedTimestamp;
}

export interface DelegationsTable {
	id: Generated<number>;
	event_id: number;
	kind: 'country' | 'organisation';
	country_code: string | null;
	/** Short code used in references: the ISO alpha-2 code or an acronym such as WHO. */
	code: string;
	name: string;
	quota: number | null;
	seats_taken: Generated<number>;
	next_number: Generated<number>;
	sort_order: Generated<number>;
	/** The name in other languages (0280). */
	translations: Generated<Translations>;
}

export interface ProgrammeItemsTable {
	id: Generated<number>;
	event_id: number;
	starts_at: Timestamp;
	ends_at: Timestamp;
	title: string;
	location: Generated<string>;
	description: Generated<string>;
	/** Title, place and description in other languages (0250). */
	translations: Generated<Translations>;
}

export interface InvitationsTable {
	id: Generated<number>;
	event_id: number;
	email: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	delegation_id: number | null;
	organisation: Generated<string>;
	position: Generated<string>;
	category: Generated<Category>;
	personal_message: Generated<string>;
	token_hash: Uint8Array;
	status: Generated<InvitationStatus>;
	expires_at: Timestamp;
	sent_at: Timestamp | null;
	reminded_at: Timestamp | null;
	responded_at: Timestamp | null;
	decline_reason: string | null;
	invited_by: number | null;
	registration_id: number | null;
	created_at: GeneratedTimestamp;
	/** The focal point who nominated the person (0140). */
	focal_point_id: Generated<number | null>;
}

export interface RegistrationsTable {
	id: Generated<number>;
	event_id: number;
	user_id: number;
	invitation_id: number | null;
	delegation_id: number;
	reference: string;
	status: RegistrationStatus;
	category: Category;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	badge_name: string;
	native_name: string | null;
	position: Generated<string>;
	organisation: Generated<string>;
	email: string;
	phone: Generated<string>;
	nationality: string | null;
	/** AES-256-GCM of {passportNumber, passportExpiry, dateOfBirth}; see privacy/pii.ts. */
	visa_data_enc: string | null;
	dietary: Generated<Dietary>;
	dietary_notes: Generated<string>;
	accessibility_needs: Generated<string>;
	arrival_at: Timestamp | null;
	arrival_flight: Generated<string>;
	arrival_airport: Generated<string>;
	departure_at: Timestamp | null;
	departure_flight: Generated<string>;
	departure_airport: Generated<string>;
	accommodation: Generated<string>;
	emergency_contact: Generated<string>;
	consent_data_processing: boolean;
	consent_email_in_list: Generated<boolean>;
	/** The language the person registered in: their mails are written in it (0220). */
	language: Generated<string>;
	decline_reason: string | null;
	submission_key: string | null;
	calendar_token_hash: Uint8Array | null;
	checked_in_at: Timestamp | null;
	checked_in_by: number | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	status_changed_at: Timestamp;
	version: Generated<number>;
	/** Generated (0050): folded names, organisation and reference, for the attendee search. */
	search_text: Generated<string>;
	/** Generated (0050): folded "family given", the attendee list's name order. */
	sort_name: Generated<string>;
	/** Who entered it: the person themself, or an organizer or secretariat member on their behalf. */
	entered_by_kind: Generated<EnteredByKind>;
	/** The staff member or focal point who entered it on the person's behalf. */
	entered_by: number | null;
	/** The registration this one took the seat of (a substitution by the focal point). */
	replaces_registration_id: Generated<number | null>;
	/** Where its focal point's endorsement stands, on events that ask for one (0142). */
	endorsement: Generated<'awaiting' | 'endorsed' | 'declined' | null>;
}

export type EnteredByKind = 'self' | 'organizer' | 'focal_point';

export type EmailAttachment = {
	filename: string;
	contentType: string;
	contentBase64: string;
	/** Content-ID of an inline image, referenced from the HTML as `cid:<cid>`. */
	cid?: string;
	/** Bytes kept once in `files` (large attachments sent to many): `contentBase64` is then empty. */
	fileId?: number;
	/** Size in bytes of a file kept in `files`. */
	size?: number;
};

export interface EmailsTable {
	id: Generated<number>;
	dedupe_key: string;
	recipient: string;
	template: string;
	subject: string;
	text_body: string;
	html_body: string;
	attachments: ColumnType<EmailAttachment[], string | undefined, string>;
	status: Generated<EmailStatus>;
	attempts: Generated<number>;
	next_attempt_at: Timestamp;
	locked_at: Timestamp | null;
	/** Backend pid of the sending worker's own connection (see migration 0115). */
	locked_by: number | null;
	last_error: string | null;
	smtp_response: string | null;
	event_id: number | null;
	registration_id: number | null;
	created_at: Timestamp;
	sent_at: Timestamp | null;
	/** The event's contact address on mail to delegates; null on mail to staff. */
	reply_to: string | null;
	/** Token-bearing links of the message, encrypted (mail/hidden-links.ts); '' once sent; null: none. */
	links_enc: string | null;
}

export interface FieldVisitsTable {
	id: Generated<number>;
	event_id: number;
	title: string;
	summary: Generated<string>;
	meeting_point: Generated<string>;
	departs_at: Timestamp;
	returns_at: Timestamp;
	transport: Generated<string>;
	seats: number;
	seats_taken: Generated<number>;
	/** null = every registrant may join. */
	eligible_categories: Category[] | null;
	status: Generated<'scheduled' | 'cancelled'>;
	/** Title, summary and meeting point in other languages (0270). */
	translations: Generated<Translations>;
	version: Generated<number>;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
}

export interface FieldVisitStopsTable {
	id: Generated<number>;
	visit_id: number;
	position: number;
	arrives_at: Timestamp;
	leaves_at: Timestamp;
	place: string;
	address: Generated<string>;
	activity: Generated<string>;
	host_contact: Generated<string>;
	/** Place and activity in other languages (0270). */
	translations: Generated<Translations>;
}

export interface FieldVisitSignupsTable {
	id: Generated<number>;
	visit_id: number;
	registration_id: number;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface InvitationImportsTable {
	id: Generated<number>;
	event_id: number;
	created_by: number | null;
	file_name: Generated<string>;
	header: string[];
	/** The file's rows as parsed text, re-validated when the organizer confirms. */
	records: ColumnType<string[][], string, string>;
	created_at: Timestamp;
	expires_at: Timestamp;
	confirmed_at: Timestamp | null;
}

export interface AnnouncementsTable {
	id: Generated<number>;
	event_id: number;
	subject: string;
	body: string;
	filter: ColumnType<unknown, string | undefined, string>;
	recipient_count: number;
	sent_by: number | null;
	send_key: string;
	created_at: Timestamp;
	/** Whether each copy begins with "Dear <name>,". */
	greeting: Generated<boolean>;
	file_id: number | null;
	/** Subject and message in other languages (0280): each person reads theirs. */
	translations: Generated<Translations>;
}

export interface FilesTable {
	id: Generated<number>;
	event_id: number | null;
	owner_user_id: number | null;
	file_name: string;
	content_type: string;
	size: number;
	sha256: Uint8Array;
	bytes: Uint8Array;
	created_at: Timestamp;
}

export type DocumentKind =
	| 'visa_letter'
	| 'certificate'
	| 'invitation_letter'
	/** The letter of invitation to a delegation, addressed to its focal point (0210). */
	| 'delegation_letter';
export type DocumentStatus = 'requested' | 'issued' | 'void';

/** One version of a document template; a saved change adds a version, none is ever edited. */
export interface DocumentTemplatesTable {
	id: Generated<number>;
	event_id: number;
	kind: DocumentKind;
	version: number;
	body_md: string;
	issuer_en: string;
	issuer_ja: Generated<string>;
	issuer_address: Generated<string>;
	logo_file_id: number | null;
	signatory_name: string;
	signatory_title: Generated<string>;
	signature_file_id: number | null;
	created_by: number | null;
	created_at: Timestamp;
}

export interface DocumentCountersTable {
	event_id: number;
	kind: DocumentKind;
	last_number: number;
}

export interface DocumentsTable {
	id: Generated<number>;
	event_id: number;
	/** The person holding it; null for a delegation's letter (then `delegation_id`). */
	registration_id: number | null;
	delegation_id: Generated<number | null>;
	kind: DocumentKind;
	status: DocumentStatus;
	addressee: Generated<string>;
	serial: number | null;
	number: string | null;
	verification_code: string | null;
	template_id: number | null;
	/** What the document states besides passport data, as at issue (documents/snapshot.ts). */
	snapshot: Json | null;
	pdf_sha256: Uint8Array | null;
	requested_at: Timestamp;
	requested_by: number | null;
	issued_at: Timestamp | null;
	issued_by: number | null;
	voided_at: Timestamp | null;
	voided_by: number | null;
	void_reason: Generated<string>;
	replaces_document_id: number | null;
}

export type NotificationMode = 'off' | 'immediate' | 'digest';

export interface StaffNotificationSettingsTable {
	event_id: number;
	user_id: number;
	mode: NotificationMode;
	notified_through: Generated<number>;
	/** 'YYYY-MM-DD' in the event's time zone. */
	last_digest_on: ColumnType<string | null, string | null | undefined, string | null>;
	updated_at: Timestamp;
}

export interface EmailChangesTable {
	id: Generated<number>;
	user_id: number;
	new_email: string;
	token_hash: Uint8Array;
	created_at: Timestamp;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export type ChangeRequestStatus = 'open' | 'approved' | 'refused';

export interface RegistrationChangeRequestsTable {
	id: Generated<number>;
	registration_id: number;
	event_id: number;
	delegation_id: number;
	category: Category;
	status: Generated<ChangeRequestStatus>;
	requested_by: number | null;
	requested_at: Timestamp;
	decided_by: number | null;
	decided_at: Timestamp | null;
	reason: Generated<string>;
}

/** A day a participant attended: written by that day's first check-in (0240). */
export interface AttendanceDaysTable {
	registration_id: number;
	/** The calendar day in the event's time zone, "YYYY-MM-DD". */
	day: string;
	checked_in_at: Timestamp;
	checked_in_by: number | null;
}

export interface Database {
	attendance_days: AttendanceDaysTable;
	users: UsersTable;
	sessions: SessionsTable;
	sign_in_tokens: SignInTokensTable;
	audit_log: AuditLogTable;
	rate_limits: RateLimitsTable;
	events: EventsTable;
	event_staff: EventStaffTable;
	delegations: DelegationsTable;
	programme_items: ProgrammeItemsTable;
	invitations: InvitationsTable;
	registrations: RegistrationsTable;
	emails: EmailsTable;
	field_visits: FieldVisitsTable;
	field_visit_stops: FieldVisitStopsTable;
	field_visit_signups: FieldVisitSignupsTable;
	invitation_imports: InvitationImportsTable;
	announcements: AnnouncementsTable;
	files: FilesTable;
	staff_notification_settings: StaffNotificationSettingsTable;
	email_changes: EmailChangesTable;
	registration_change_requests: RegistrationChangeRequestsTable;
	totp_factors: TotpFactorsTable;
	recovery_codes: RecoveryCodesTable;
	security_settings: SecuritySettingsTable;
	passkeys: PasskeysTable;
	webauthn_challenges: WebauthnChallengesTable;
	focal_points: FocalPointsTable;
	focal_point_links: FocalPointLinksTable;
	delegation_quotas: DelegationQuotasTable;
	delegation_heads: DelegationHeadsTable;
	delegation_letters: DelegationLettersTable;
	substitution_requests: SubstitutionRequestsTable;
	document_templates: DocumentTemplatesTable;
	document_counters: DocumentCountersTable;
	documents: DocumentsTable;
	offline_checkins: OfflineCheckinsTable;
	roll_calls: RollCallsTable;
	questions: QuestionsTable;
	question_choices: QuestionChoicesTable;
	answers: AnswersTable;
	badge_photos: BadgePhotosTable;
}

/** A registration's badge photo (a 3:4 JPEG without metadata, in files). */
export interface BadgePhotosTable {
	registration_id: number;
	file_id: number;
	uploaded_by: number | null;
	updated_at: Timestamp;
	/** A small WebP of the photo for the offline check-in list; null until first made. */
	thumbnail: Generated<Uint8Array | null>;
}

export interface QuestionsTable {
	id: Generated<number>;
	event_id: number;
	section: Generated<string>;
	kind: QuestionKind;
	label: string;
	help: Generated<string>;
	required: Generated<boolean>;
	categories: Generated<string[]>;
	condition_question_id: number | null;
	condition_value: string | null;
	position: number;
	archived_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Label, help and section in other languages (0280). */
	translations: Generated<Translations>;
}

export interface QuestionChoicesTable {
	id: Generated<number>;
	question_id: number;
	label: string;
	capacity: number | null;
	taken: Generated<number>;
	position: number;
	archived: Generated<boolean>;
	/** The label in other languages (0280). */
	translations: Generated<Translations>;
}

export interface AnswersTable {
	registration_id: number;
	question_id: number;
	/** JSON: see migrations/0170_questions.ts. */
	value: ColumnType<unknown, string, string>;
	file_id: number | null;
	updated_at: Timestamp;
}

export type OfflineCheckinOutcome = 'done' | 'already' | 'cancelled';

/** A check-in made at a desk (maybe offline), by the id its device gave it (0160). */
export interface OfflineCheckinsTable {
	client_id: string;
	event_id: number;
	registration_id: number;
	device_at: Timestamp;
	synced_by: number;
	synced_at: GeneratedTimestamp;
	outcome: OfflineCheckinOutcome;
	message: Generated<string>;
}

export type { RollCallState };

/** One mark of a field-visit roll call; stop null is the departure from the meeting point (0160). */
export interface RollCallsTable {
	id: Generated<number>;
	client_id: string;
	visit_id: number;
	stop_id: number | null;
	registration_id: number;
	state: RollCallState;
	marked_by: number;
	marked_at: Timestamp;
	synced_at: GeneratedTimestamp;
}

export interface SubstitutionRequestsTable {
	id: Generated<number>;
	registration_id: number;
	focal_point_id: number | null;
	/** The replacement as typed: honorific, givenName, familyName, email, organisation, position, note. */
	replacement: ColumnType<Record<string, string | null>, string, string>;
	status: Generated<'open' | 'approved' | 'refused'>;
	requested_at: Timestamp;
	decided_by: number | null;
	decided_at: Timestamp | null;
	replaced_by: number | null;
}

export interface FocalPointsTable {
	id: Generated<number>;
	event_id: number;
	delegation_id: number;
	user_id: number;
	name: string;
	email: string;
	organisation: Generated<string>;
	phone: Generated<string>;
	/** The language of the page the focal point last acted on: their mails go in it (0260). */
	language: Generated<string>;
	called_at: Timestamp | null;
	reminded_at: Timestamp | null;
	auto_reminded_at: Timestamp | null;
	created_at: Timestamp;
}

export interface FocalPointLinksTable {
	id: Generated<number>;
	focal_point_id: number;
	token_hash: Uint8Array;
	created_at: Timestamp;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export interface DelegationQuotasTable {
	delegation_id: number;
	category: Category;
	quota: number;
}

export interface DelegationHeadsTable {
	delegation_id: number;
	registration_id: number;
	designated_by: number | null;
	designated_at: Timestamp;
}

export type LetterStatus = 'received' | 'verified' | 'rejected';

export interface DelegationLettersTable {
	id: Generated<number>;
	delegation_id: number;
	file_id: number;
	status: Generated<LetterStatus>;
	uploaded_by: number | null;
	uploaded_at: Timestamp;
	decided_by: number | null;
	decided_at: Timestamp | null;
	reason: string | null;
}

export interface PasskeysTable {
	id: Uint8Array;
	user_id: number;
	name: string;
	algorithm: number;
	public_key: Uint8Array;
	sign_count: ColumnType<string, number | undefined, number>;
	created_at: Timestamp;
	last_used_at: Timestamp | null;
}

export interface WebauthnChallengesTable {
	challenge_hash: Uint8Array;
	session_id: string;
	purpose: 'register' | 'sign_in';
	expires_at: Timestamp;
}

export interface TotpFactorsTable {
	user_id: number;
	/** The secret, base64 then encrypted with the PII key (privacy/pii.ts encryptText). */
	secret_enc: string;
	last_used_step: ColumnType<string | null, number | null | undefined, number | null>;
	created_at: Timestamp;
	confirmed_at: Timestamp | null;
}

export interface RecoveryCodesTable {
	id: Generated<number>;
	user_id: number;
	code_hash: Uint8Array;
	created_at: Timestamp;
	used_at: Timestamp | null;
}

export interface SecuritySettingsTable {
	id: number;
	require_second_factor: boolean;
	updated_at: Timestamp | null;
	updated_by: number | null;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Event = Selectable<EventsTable>;
export type Delegation = Selectable<DelegationsTable>;
export type ProgrammeItem = Selectable<ProgrammeItemsTable>;
export type Registration = Selectable<RegistrationsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type Email = Selectable<EmailsTable>;
export type FieldVisit = Selectable<FieldVisitsTable>;
export type FieldVisitStop = Selectable<FieldVisitStopsTable>;
export type ChangeRequest = Selectable<RegistrationChangeRequestsTable>;
export type FocalPoint = Selectable<FocalPointsTable>;
export type DelegationLetter = Selectable<DelegationLettersTable>;
export type DocumentTemplate = Selectable<DocumentTemplatesTable>;
export type DocumentRow = Selectable<DocumentsTable>;
