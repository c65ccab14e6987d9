import { createTemplate } from '../../services/templates/create-template.ts';
import { getTemplate } from '../../services/templates/get-template.ts';
import { listTemplates } from '../../services/templates/list-templates.ts';
import { saveTemplateRevision } from '../../services/templates/save-template-revision.ts';
import { validateTemplate } from '../../services/templates/validate-template.ts';
import { authedProcedure, router } from '../trpc.ts';
import { CreateTemplateInputSchema } from './create.types.ts';
import { GetTemplateInputSchema } from './get.types.ts';
import { ListTemplatesInputSchema } from './list.types.ts';
import { SaveTemplateRevisionInputSchema } from './save-revision.types.ts';
import { ValidateTemplateInputSchema } from './validate.types.ts';

export const templatesRouter = router({
  list: authedProcedure
    .input(ListTemplatesInputSchema)
    .query(({ ctx, input }) => listTemplates(ctx.db, ctx.actor, input)),
  get: authedProcedure
    .input(GetTemplateInputSchema)
    .query(({ ctx, input }) => getTemplate(ctx.db, ctx.actor, input)),
  validate: authedProcedure
    .input(ValidateTemplateInputSchema)
    .query(({ ctx, input }) => validateTemplate(ctx.db, ctx.actor, input)),
  create: authedProcedure.input(CreateTemplateInputSchema).mutation(async ({ ctx, input }) => {
    const { template, revision } = await createTemplate(ctx.db, ctx.actor, input);
    return { id: template.id, name: template.name, revision: revision.number };
  }),
  saveRevision: authedProcedure.input(SaveTemplateRevisionInputSchema).mutation(async ({ ctx, input }) => {
    const { template, revision, created } = await saveTemplateRevision(ctx.db, ctx.actor, input);
    return { id: template.id, revision: revision.number, created };
  }),
});
