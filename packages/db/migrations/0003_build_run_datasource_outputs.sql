CREATE TABLE "build_run_datasource_outputs" (
	"build_run_id" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"outputs" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "build_run_datasource_outputs" ADD CONSTRAINT "build_run_datasource_outputs_build_run_id_build_runs_id_fk" FOREIGN KEY ("build_run_id") REFERENCES "public"."build_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_run_datasource_outputs" ADD CONSTRAINT "build_run_datasource_outputs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_run_datasource_outputs" ADD CONSTRAINT "build_run_datasource_outputs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;