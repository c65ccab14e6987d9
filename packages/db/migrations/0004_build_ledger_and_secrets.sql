CREATE TYPE "public"."ledger_status" AS ENUM('intended', 'created', 'deleted', 'orphaned');--> statement-breakpoint
ALTER TYPE "public"."build_step_status" ADD VALUE 'paused' BEFORE 'failed';--> statement-breakpoint
CREATE TABLE "build_resources" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"build_run_id" text NOT NULL,
	"build_name" text NOT NULL,
	"step_index" integer NOT NULL,
	"resource_key" text NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"region" text,
	"description" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "ledger_status" DEFAULT 'intended' NOT NULL,
	"external_id" text,
	"idempotency_key" text NOT NULL,
	"tags" jsonb NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "build_run_secrets" (
	"build_run_id" text NOT NULL,
	"build_name" text NOT NULL,
	"name" text NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "build_runs" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "build_resources" ADD CONSTRAINT "build_resources_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_resources" ADD CONSTRAINT "build_resources_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_resources" ADD CONSTRAINT "build_resources_build_run_id_build_runs_id_fk" FOREIGN KEY ("build_run_id") REFERENCES "public"."build_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_run_secrets" ADD CONSTRAINT "build_run_secrets_build_run_id_build_runs_id_fk" FOREIGN KEY ("build_run_id") REFERENCES "public"."build_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "build_resources_run_build_key_unique" ON "build_resources" USING btree ("build_run_id","build_name","resource_key");--> statement-breakpoint
CREATE INDEX "build_resources_status_idx" ON "build_resources" USING btree ("status","build_run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "build_run_secrets_unique" ON "build_run_secrets" USING btree ("build_run_id","build_name","name");