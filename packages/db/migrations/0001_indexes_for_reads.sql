DROP INDEX "audit_events_organization_created_idx";--> statement-breakpoint
DROP INDEX "service_principals_organization_idx";--> statement-breakpoint
DROP INDEX "build_runs_project_created_idx";--> statement-breakpoint
CREATE INDEX "audit_events_organization_id_idx" ON "audit_events" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_principals_organization_name_unique" ON "service_principals" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "build_runs_project_id_idx" ON "build_runs" USING btree ("project_id","id");