import { builder } from '../builder.js';
import { langArgs, pick } from '../lang.js';
import { AssociatedActivityRef, SourceRef, TrainingCourseRef } from './refs.js';

AssociatedActivityRef.implement({
  description: 'An illegal or informal economic activity the source associates with trafficking in the high-incidence regions.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier (e.g. "child-labour").' }),
    name: t.string({ args: langArgs, description: 'The activity.', resolve: (a, { lang }) => pick(lang, a.name, a.nameEn) }),
    source: t.field({ type: SourceRef, description: 'Where the source names it.', resolve: (a, _args, ctx) => ctx.snapshot.sourceById.get(a.sourceId)! }),
  }),
});

TrainingCourseRef.implement({
  description: 'A PNP course on trafficking in persons, 2021–2023, behind the officers-trained figures.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier.' }),
    name: t.exposeString('name', { description: 'Name of the course, as the source gives it.' }),
    audience: t.string({ args: langArgs, description: 'Who it is for.', resolve: (c, { lang }) => pick(lang, c.audience, c.audienceEn) }),
    modality: t.exposeString('modality', { nullable: true, description: 'How it is delivered, when the source says ("virtual").' }),
    source: t.field({ type: SourceRef, description: 'Where the source presents it.', resolve: (c, _args, ctx) => ctx.snapshot.sourceById.get(c.sourceId)! }),
  }),
});

builder.queryFields((t) => ({
  associatedActivities: t.field({
    type: [AssociatedActivityRef],
    description: 'The illegal and informal activities the source associates with trafficking, in its order.',
    resolve: (_root, _args, ctx) => ctx.snapshot.activities,
  }),
  trainingCourses: t.field({
    type: [TrainingCourseRef],
    description: 'The two police courses of 2021–2023.',
    resolve: (_root, _args, ctx) => ctx.snapshot.courses,
  }),
}));
