import { builder } from '../builder.js';
import { langArgs, pick } from '../lang.js';

builder.prismaObject('AssociatedActivity', {
  description: 'An illegal or informal economic activity the source associates with trafficking in the high-incidence regions.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier (e.g. "child-labour").' }),
    name: t.string({ args: langArgs, description: 'The activity.', resolve: (a, { lang }) => pick(lang, a.name, a.nameEn) }),
    source: t.relation('source', { description: 'Where the source names it.' }),
  }),
});

builder.prismaObject('TrainingCourse', {
  description: 'A PNP course on trafficking in persons, 2021–2023, behind the officers-trained figures.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier.' }),
    name: t.exposeString('name', { description: 'Name of the course, as the source gives it.' }),
    audience: t.string({ args: langArgs, description: 'Who it is for.', resolve: (c, { lang }) => pick(lang, c.audience, c.audienceEn) }),
    modality: t.exposeString('modality', { nullable: true, description: 'How it is delivered, when the source says ("virtual").' }),
    source: t.relation('source', { description: 'Where the source presents it.' }),
  }),
});

builder.queryFields((t) => ({
  associatedActivities: t.prismaField({
    type: ['AssociatedActivity'],
    description: 'The illegal and informal activities the source associates with trafficking, in its order.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.associatedActivity.findMany({ ...query, orderBy: { position: 'asc' } }),
  }),
  trainingCourses: t.prismaField({
    type: ['TrainingCourse'],
    description: 'The two police courses of 2021–2023.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.trainingCourse.findMany({ ...query, orderBy: { position: 'asc' } }),
  }),
}));
