CREATE TABLE `timings` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`kind` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`actor` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `timings_ended_idx` ON `timings` (`ended_at`);--> statement-breakpoint
CREATE INDEX `timings_incident_idx` ON `timings` (`incident_id`,`kind`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `held_from_status` text;