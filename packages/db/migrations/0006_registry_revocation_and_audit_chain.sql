CREATE TABLE "audit_chain_heads" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"sequence" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "version_lookups" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"version_id" text NOT NULL,
	"channel_name" text DEFAULT '' NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text DEFAULT '' NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "sequence" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "previous_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "channel_assignments" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "versions" ADD COLUMN "revocation_inherited_from_id" text;--> statement-breakpoint
ALTER TABLE "versions" ADD COLUMN "revocation_rolls_back_channels" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_lookups" ADD CONSTRAINT "version_lookups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_lookups" ADD CONSTRAINT "version_lookups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_lookups" ADD CONSTRAINT "version_lookups_version_id_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "version_lookups_unique" ON "version_lookups" USING btree ("version_id","channel_name","actor_type","actor_id","day");--> statement-breakpoint
CREATE INDEX "version_lookups_project_day_idx" ON "version_lookups" USING btree ("organization_id","project_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_organization_sequence_unique" ON "audit_events" USING btree ("organization_id","sequence");--> statement-breakpoint
CREATE INDEX "builds_parent_version_idx" ON "builds" USING btree ("parent_version_id");--> statement-breakpoint
CREATE INDEX "versions_revocation_inherited_from_idx" ON "versions" USING btree ("revocation_inherited_from_id");