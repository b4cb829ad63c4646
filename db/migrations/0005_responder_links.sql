CREATE TABLE `responder_links` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`link_key` text NOT NULL,
	`sealed_envelope` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`opened_at` text,
	`last_answer_kind` text,
	`last_answer_at` text,
	`last_eta_minutes` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `responder_links_assignment_idx` ON `responder_links` (`assignment_id`);