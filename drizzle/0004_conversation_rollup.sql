CREATE TABLE `usage_conversation_rollup` (
	`conversation_id` text NOT NULL,
	`model` text NOT NULL,
	`status` text NOT NULL,
	`requests` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`cached_input_tokens` integer NOT NULL,
	`cache_write_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`reasoning_tokens` integer NOT NULL,
	`cost_usd_nanos` integer NOT NULL,
	`unpriced_requests` integer NOT NULL,
	`estimated_requests` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `model`, `status`)
);
