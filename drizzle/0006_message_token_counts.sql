CREATE TABLE `message_token_counts` (
	`message_id` text NOT NULL,
	`encoding` text NOT NULL,
	`tokens` integer NOT NULL,
	PRIMARY KEY(`message_id`, `encoding`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
