-- Search indexes written once per bulk write instead of once per row. A row in fts_deferral
-- says: rows of that table above from_rowid are not indexed yet (the triggers leave them alone);
-- the bulk writer indexes them all with one statement and deletes the row before its transaction
-- commits (backend/search-index-batch.ts). Rows at or below from_rowid keep their triggers. FTS5 writes
-- a new segment at every statement that touches it, so a row-by-row trigger costs a segment per
-- row during a catch-up of thousands. With no row here the triggers index every write as before.
CREATE TABLE `fts_deferral` (`table_name` text PRIMARY KEY NOT NULL, `from_rowid` integer NOT NULL);
--> statement-breakpoint
DROP TRIGGER `responders_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `responders_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `responders_fts_update`;
--> statement-breakpoint
DROP TRIGGER `incidents_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `incidents_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `incidents_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `responders_fts_insert` AFTER INSERT ON `responders`
WHEN new.rowid <= coalesce((SELECT `from_rowid` FROM `fts_deferral` WHERE `table_name` = 'responders'), new.rowid) BEGIN
  INSERT INTO `responders_fts`(rowid, `name`, `home_town`) VALUES (new.rowid, new.`name`, new.`home_town`);
END;
--> statement-breakpoint
CREATE TRIGGER `responders_fts_delete` AFTER DELETE ON `responders`
WHEN old.rowid <= coalesce((SELECT `from_rowid` FROM `fts_deferral` WHERE `table_name` = 'responders'), old.rowid) BEGIN
  INSERT INTO `responders_fts`(`responders_fts`, rowid, `name`, `home_town`) VALUES ('delete', old.rowid, old.`name`, old.`home_town`);
END;
--> statement-breakpoint
CREATE TRIGGER `responders_fts_update` AFTER UPDATE OF `name`, `home_town` ON `responders`
WHEN old.rowid <= coalesce((SELECT `from_rowid` FROM `fts_deferral` WHERE `table_name` = 'responders'), old.rowid) BEGIN
  INSERT INTO `responders_fts`(`responders_fts`, rowid, `name`, `home_town`) VALUES ('delete', old.rowid, old.`name`, old.`home_town`);
  INSERT INTO `responders_fts`(rowid, `name`, `home_town`) VALUES (new.rowid, new.`name`, new.`home_town`);
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_insert` AFTER INSERT ON `incidents`
WHEN new.rowid <= coalesce((SELECT `from_rowid` FROM `fts_deferral` WHERE `table_name` = 'incidents'), new.rowid) BEGIN
  INSERT INTO `incidents_fts`(rowid, `location_text`, `town`, `description`, `type`) VALUES (new.rowid, new.`location_text`, new.`town`, new.`description`, new.`type`);
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_delete` AFTER DELETE ON `incidents`
WHEN old.rowid <= coalesce((SELECT `from_rowid` FROM `fts_deferral` WHERE `table_name` = 'incidents'), old.rowid) BEGIN
  INSERT INTO `incidents_fts`(`incidents_fts`, rowid, `location_text`, `town`, `description`, `type`) VALUES ('delete', old.rowid, old.`location_text`, old.`town`, old.`description`, old.`type`);
END;
--> statement-breakpoint
CREATE TRIGGER `incidents_fts_update` AFTER UPDATE OF `location_text`, `town`, `description`, `type` ON `incidents`
WHEN old.rowid <= coalesce((SELECT `from_rowid` FROM `fts_deferral` WHERE `table_name` = 'incidents'), old.rowid) BEGIN
  INSERT INTO `incidents_fts`(`incidents_fts`, rowid, `location_text`, `town`, `description`, `type`) VALUES ('delete', old.rowid, old.`location_text`, old.`town`, old.`description`, old.`type`);
  INSERT INTO `incidents_fts`(rowid, `location_text`, `town`, `description`, `type`) VALUES (new.rowid, new.`location_text`, new.`town`, new.`description`, new.`type`);
END;
