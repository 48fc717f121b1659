CREATE TABLE `budget_alerts` (
	`budget_id` text NOT NULL,
	`month` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`budget_id`, `month`, `kind`),
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `budgets` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`scope_value` text DEFAULT '' NOT NULL,
	`monthly_cap_usd_nanos` integer NOT NULL,
	`warn_at_percent` integer DEFAULT 80 NOT NULL,
	`strict` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budgets_scope` ON `budgets` (`scope`,`scope_value`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`provider_id` text,
	`model` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_updated_at` ON `conversations` (`updated_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`reasoning_text` text,
	`status` text NOT NULL,
	`request_id` text,
	`input_tokens` integer,
	`output_tokens` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_conversation_created` ON `messages` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `price_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`model` text NOT NULL,
	`input_usd_nanos_per_mtok` integer NOT NULL,
	`output_usd_nanos_per_mtok` integer NOT NULL,
	`cache_read_usd_nanos_per_mtok` integer,
	`cache_write_usd_nanos_per_mtok` integer,
	`effective_from` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `price_overrides_lookup` ON `price_overrides` (`provider_id`,`model`,`effective_from`);--> statement-breakpoint
CREATE TABLE `providers` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`base_url` text NOT NULL,
	`key_ref` text,
	`key_last4` text,
	`enabled_models_json` text DEFAULT '[]' NOT NULL,
	`model_settings_json` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text,
	`user_message_id` text,
	`assistant_message_id` text,
	`provider_id` text NOT NULL,
	`provider_kind` text NOT NULL,
	`model` text NOT NULL,
	`status` text NOT NULL,
	`streamed` integer NOT NULL,
	`input_tokens` integer,
	`output_tokens` integer,
	`cached_input_tokens` integer,
	`cache_write_tokens` integer,
	`reasoning_tokens` integer,
	`usage_source` text,
	`raw_usage_json` text,
	`provider_cost_usd_nanos` integer,
	`price_input_usd_nanos_per_mtok` integer,
	`price_output_usd_nanos_per_mtok` integer,
	`price_cache_read_usd_nanos_per_mtok` integer,
	`price_cache_write_usd_nanos_per_mtok` integer,
	`price_source` text,
	`cost_usd_nanos` integer,
	`billed_currency` text DEFAULT 'USD' NOT NULL,
	`reserved_usd_nanos` integer DEFAULT 0 NOT NULL,
	`estimated_input_tokens` integer,
	`partial_text` text,
	`partial_reasoning` text,
	`checkpoint_at` integer,
	`started_at` integer NOT NULL,
	`ttft_ms` integer,
	`finished_at` integer,
	`duration_ms` integer,
	`finish_reason` text,
	`cancel_reason` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `requests_started_at` ON `requests` (`started_at`);--> statement-breakpoint
CREATE INDEX `requests_provider_started` ON `requests` (`provider_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `requests_model_started` ON `requests` (`model`,`started_at`);--> statement-breakpoint
CREATE INDEX `requests_conversation` ON `requests` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `requests_open` ON `requests` (`status`) WHERE status IN ('pending', 'streaming');--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL
);
