CREATE TABLE `activity_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`device_id` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`params` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`incident_id` text,
	`struck_at` text,
	`struck_by` text,
	`correction` text,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `activity_incident_idx` ON `activity_log` (`incident_id`,`hlc`);--> statement-breakpoint
CREATE INDEX `activity_entity_idx` ON `activity_log` (`entity_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`responder_id` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`status_changed_at` text NOT NULL,
	`eta_at` text,
	`decline_reason` text,
	`override_reason` text,
	`last_check_in_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assignments_incident_idx` ON `assignments` (`incident_id`);--> statement-breakpoint
CREATE INDEX `assignments_responder_idx` ON `assignments` (`responder_id`);--> statement-breakpoint
CREATE TABLE `field_clocks` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`triage` text NOT NULL,
	`status` text NOT NULL,
	`status_changed_at` text NOT NULL,
	`verification_outcome` text,
	`verified_by` text,
	`verified_at` text,
	`location_text` text NOT NULL,
	`street_text` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`precision` text NOT NULL,
	`town` text,
	`agents_count` integer,
	`vehicles_count` integer,
	`activity` text NOT NULL,
	`agency` text NOT NULL,
	`time_seen` text,
	`equipment` text NOT NULL,
	`vehicles_plates` text NOT NULL,
	`affected_adults` integer NOT NULL,
	`affected_children` integer NOT NULL,
	`affected_first_names` text NOT NULL,
	`language` text NOT NULL,
	`description` text NOT NULL,
	`reporter_name` text NOT NULL,
	`reporter_phone` text NOT NULL,
	`reporter_purged_at` text,
	`outside_region_reason` text,
	`merged_into_id` text,
	`call_received_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `incidents_status_idx` ON `incidents` (`status`);--> statement-breakpoint
CREATE INDEX `incidents_created_idx` ON `incidents` (`created_at`);--> statement-breakpoint
CREATE INDEX `incidents_merged_idx` ON `incidents` (`merged_into_id`);--> statement-breakpoint
CREATE TABLE `local_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `op_log` (
	`op_id` text PRIMARY KEY NOT NULL,
	`hlc` text NOT NULL,
	`device_id` text NOT NULL,
	`actor` text NOT NULL,
	`body` text NOT NULL,
	`origin` text NOT NULL,
	`relay_seq` integer,
	`applied_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `op_log_hlc_idx` ON `op_log` (`hlc`);--> statement-breakpoint
CREATE INDEX `op_log_unsent_idx` ON `op_log` (`origin`,`relay_seq`);--> statement-breakpoint
CREATE TABLE `responders` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phones` text NOT NULL,
	`languages` text NOT NULL,
	`roles` text NOT NULL,
	`trainings` text NOT NULL,
	`home_town` text NOT NULL,
	`home_lat` real NOT NULL,
	`home_lon` real NOT NULL,
	`availability` text NOT NULL,
	`on_call` integer NOT NULL,
	`has_car` integer NOT NULL,
	`max_travel_minutes` integer NOT NULL,
	`avoid_enforcement_scenes` integer NOT NULL,
	`notes` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `responders_town_idx` ON `responders` (`home_town`);--> statement-breakpoint
CREATE INDEX `responders_active_idx` ON `responders` (`active`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
