CREATE TABLE `token_counts` (
	`encoding` text NOT NULL,
	`text_sha256` blob NOT NULL,
	`tokens` integer NOT NULL,
	`exact` integer NOT NULL,
	PRIMARY KEY(`encoding`, `text_sha256`)
);
