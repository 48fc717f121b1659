CREATE TABLE `spend_anomaly_alerts` (
	`day` text PRIMARY KEY NOT NULL,
	`spent_usd_nanos` integer NOT NULL,
	`median_usd_nanos` integer NOT NULL,
	`created_at` integer NOT NULL
);
