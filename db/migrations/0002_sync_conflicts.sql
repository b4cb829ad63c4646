CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`incident_id` text NOT NULL,
	`other_incident_id` text,
	`responder_id` text,
	`versions` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution_note` text
);
--> statement-breakpoint
CREATE INDEX `conflicts_incident_idx` ON `conflicts` (`incident_id`);--> statement-breakpoint
CREATE INDEX `conflicts_other_incident_idx` ON `conflicts` (`other_incident_id`);--> statement-breakpoint
CREATE TABLE `sync_inbox` (
	`op_id` text PRIMARY KEY NOT NULL,
	`relay_seq` integer NOT NULL,
	`known_seq` integer NOT NULL,
	`body` text NOT NULL,
	`reason` text NOT NULL,
	`detail` text NOT NULL,
	`received_at` text NOT NULL,
	`attempts` integer NOT NULL
);
