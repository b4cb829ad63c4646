CREATE INDEX `responders_name_idx` ON `responders` (`name`);--> statement-breakpoint
CREATE INDEX `responders_active_name_idx` ON `responders` (`active`,`name`);