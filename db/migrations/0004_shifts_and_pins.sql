CREATE TABLE `dispatcher_pins` (
	`name_key` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`salt` text NOT NULL,
	`hash` text NOT NULL,
	`failed_count` integer NOT NULL,
	`lock_level` integer NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`dispatcher_name` text NOT NULL,
	`device_id` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`ended_by` text,
	`notes` text NOT NULL,
	`handoff_brief` text,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`handoff_from_shift_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shifts_started_idx` ON `shifts` (`started_at`);--> statement-breakpoint
CREATE INDEX `shifts_device_idx` ON `shifts` (`device_id`);