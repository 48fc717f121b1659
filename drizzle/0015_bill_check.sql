CREATE TABLE `bill_balances` (
	`fetch_id` text NOT NULL,
	`currency` text NOT NULL,
	`total_nanos` integer NOT NULL,
	`purchased_nanos` integer,
	`used_nanos` integer,
	FOREIGN KEY (`fetch_id`) REFERENCES `bill_fetches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bill_balances_fetch` ON `bill_balances` (`fetch_id`);--> statement-breakpoint
CREATE TABLE `bill_check_accounts` (
	`provider_id` text PRIMARY KEY NOT NULL,
	`vendor` text NOT NULL,
	`admin_key_ref` text,
	`own_scope` text,
	`enabled_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bill_costs` (
	`fetch_id` text NOT NULL,
	`day` text NOT NULL,
	`scope` text,
	`model` text,
	`line_item` text,
	`amount_usd_nanos` integer NOT NULL,
	FOREIGN KEY (`fetch_id`) REFERENCES `bill_fetches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bill_costs_fetch` ON `bill_costs` (`fetch_id`,`day`);--> statement-breakpoint
CREATE TABLE `bill_fetches` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`vendor` text NOT NULL,
	`fetched_at` integer NOT NULL,
	`start_ms` integer NOT NULL,
	`end_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bill_fetches_provider` ON `bill_fetches` (`provider_id`,`fetched_at`);--> statement-breakpoint
CREATE TABLE `bill_generation_costs` (
	`request_id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`generation_id` text NOT NULL,
	`cost_usd_nanos` integer NOT NULL,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bill_usage` (
	`fetch_id` text NOT NULL,
	`day` text NOT NULL,
	`api_key_id` text,
	`model` text,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`requests` integer,
	FOREIGN KEY (`fetch_id`) REFERENCES `bill_fetches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bill_usage_fetch` ON `bill_usage` (`fetch_id`,`day`);--> statement-breakpoint
ALTER TABLE `requests` ADD `provider_response_id` text;