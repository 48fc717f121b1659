-- Full-text indexes for the request log's search, kept in step by triggers (so every writer,
-- finalize included, keeps them). External content: the text stays in its table and the index
-- points at rowids (the online backup API keeps rowids; a VACUUM that renumbered them would
-- need each index's 'rebuild'). Titles and error texts use trigrams, so a search matches any
-- substring of three characters or more as before; message text is indexed by words.
CREATE VIRTUAL TABLE `conversations_search` USING fts5(`title`, content='conversations', tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `messages_search` USING fts5(`content`, content='messages', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `requests_error_search` USING fts5(`error`, content='requests', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `conversations_search_insert` AFTER INSERT ON `conversations` BEGIN
	INSERT INTO `conversations_search` (rowid, `title`) VALUES (new.rowid, new.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_search_delete` AFTER DELETE ON `conversations` BEGIN
	INSERT INTO `conversations_search` (`conversations_search`, rowid, `title`) VALUES ('delete', old.rowid, old.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_search_update` AFTER UPDATE OF `title` ON `conversations` BEGIN
	INSERT INTO `conversations_search` (`conversations_search`, rowid, `title`) VALUES ('delete', old.rowid, old.`title`);
	INSERT INTO `conversations_search` (rowid, `title`) VALUES (new.rowid, new.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_search_insert` AFTER INSERT ON `messages` BEGIN
	INSERT INTO `messages_search` (rowid, `content`) VALUES (new.rowid, new.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_search_delete` AFTER DELETE ON `messages` BEGIN
	INSERT INTO `messages_search` (`messages_search`, rowid, `content`) VALUES ('delete', old.rowid, old.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_search_update` AFTER UPDATE OF `content` ON `messages` BEGIN
	INSERT INTO `messages_search` (`messages_search`, rowid, `content`) VALUES ('delete', old.rowid, old.`content`);
	INSERT INTO `messages_search` (rowid, `content`) VALUES (new.rowid, new.`content`);
END;
--> statement-breakpoint
-- Most ledger rows have no error: only rows with one are in the index.
CREATE TRIGGER `requests_error_search_insert` AFTER INSERT ON `requests` WHEN new.`error` IS NOT NULL BEGIN
	INSERT INTO `requests_error_search` (rowid, `error`) VALUES (new.rowid, new.`error`);
END;
--> statement-breakpoint
CREATE TRIGGER `requests_error_search_delete` AFTER DELETE ON `requests` WHEN old.`error` IS NOT NULL BEGIN
	INSERT INTO `requests_error_search` (`requests_error_search`, rowid, `error`) VALUES ('delete', old.rowid, old.`error`);
END;
--> statement-breakpoint
CREATE TRIGGER `requests_error_search_update_old` AFTER UPDATE OF `error` ON `requests` WHEN old.`error` IS NOT new.`error` AND old.`error` IS NOT NULL BEGIN
	INSERT INTO `requests_error_search` (`requests_error_search`, rowid, `error`) VALUES ('delete', old.rowid, old.`error`);
END;
--> statement-breakpoint
CREATE TRIGGER `requests_error_search_update_new` AFTER UPDATE OF `error` ON `requests` WHEN old.`error` IS NOT new.`error` AND new.`error` IS NOT NULL BEGIN
	INSERT INTO `requests_error_search` (rowid, `error`) VALUES (new.rowid, new.`error`);
END;
--> statement-breakpoint
-- Backfill: what the ledger, the conversations and their messages already hold.
INSERT INTO `conversations_search` (rowid, `title`) SELECT rowid, `title` FROM `conversations`;
--> statement-breakpoint
INSERT INTO `messages_search` (rowid, `content`) SELECT rowid, `content` FROM `messages`;
--> statement-breakpoint
INSERT INTO `requests_error_search` (rowid, `error`) SELECT rowid, `error` FROM `requests` WHERE `error` IS NOT NULL;
