-- Full-text indexes for roster and board search: word-prefix matching that ignores case and
-- accents ("jose" finds "José"), kept in step with their tables by triggers (every write, local
-- or replicated, goes through the table, so the index cannot drift).
CREATE VIRTUAL TABLE `responders_fts` USING fts5(`name`, `home_town`, content='responders', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `responders_fts_insert` AFTER INSERT ON `responders` BEGIN
  INSERT INTO `responders_fts`(rowid, `name`, `home_town`) VALUES (new.rowid, new.`name`, new.`home_town`);
END;
--> statement-breakpoint
CREATE TRIGGER `responders_fts_delete` AFTER DELETE ON `responders` BEGIN
  INSERT INTO `responders_fts`(`responders_fts`, rowid, `name`, `home_town`) VALUES ('delete', old.rowid, old.`name`, old.`home_town`);
END;
--> statement-breakpoint
CREATE TRIGGER `responders_fts_update` AFTER UPDATE OF `name`, `home_town` ON `responders` BEGIN
  INSERT INTO `responders_fts`(`responders_fts`, rowid, `name`, `home_town`) VALUES ('delete', old.rowid, old.`name`, old.`home_town`);
  INSERT INTO `responders_fts`(rowid, `name`, `home_town`) VALUES (new.rowid, new.`name`, new.`home_town`);
END;
--> statement-breakpoint
INSERT INTO `responders_fts`(`responders_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `incidents_fts` USING fts5(`location_text`, `town`, `description`, `type`, content='incidents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_insert` AFTER INSERT ON `incidents` BEGIN
  INSERT INTO `incidents_fts`(rowid, `location_text`, `town`, `description`, `type`) VALUES (new.rowid, new.`location_text`, new.`town`, new.`description`, new.`type`);
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_delete` AFTER DELETE ON `incidents` BEGIN
  INSERT INTO `incidents_fts`(`incidents_fts`, rowid, `location_text`, `town`, `description`, `type`) VALUES ('delete', old.rowid, old.`location_text`, old.`town`, old.`description`, old.`type`);
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_update` AFTER UPDATE OF `location_text`, `town`, `description`, `type` ON `incidents` BEGIN
  INSERT INTO `incidents_fts`(`incidents_fts`, rowid, `location_text`, `town`, `description`, `type`) VALUES ('delete', old.rowid, old.`location_text`, old.`town`, old.`description`, old.`type`);
  INSERT INTO `incidents_fts`(rowid, `location_text`, `town`, `description`, `type`) VALUES (new.rowid, new.`location_text`, new.`town`, new.`description`, new.`type`);
END;
--> statement-breakpoint
INSERT INTO `incidents_fts`(`incidents_fts`) VALUES ('rebuild');
