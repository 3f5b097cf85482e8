-- XEP-0060 §6.3 subscription options (mod_pubsub): pubsub#deliver, the only configurable one;
-- false pauses notifications to that subscription.
ALTER TABLE pubsub_subscriptions ADD COLUMN deliver BOOLEAN DEFAULT TRUE NOT NULL;
