import { isoDate } from '../../core/dates.js';
import { builder } from '../builder.js';
import { CoordinationSpaceRef, DocumentRef, IndicatorRef, ServiceResultRef, SourceRef } from './refs.js';

/**
 * Fields the write path adds to the read types: each changeable object's version (send it
 * back as `expectedVersion` to refuse a write on top of a change you did not see), and the
 * closure of coordination spaces.
 */
const versionField = { description: 'Goes up by one with every change; send it as `expectedVersion` to a mutation to refuse a write on top of a change you have not seen.' };

builder.objectFields(CoordinationSpaceRef, (t) => ({
  version: t.exposeInt('version', versionField),
  closedOn: t.string({
    nullable: true,
    description: 'The day the space stopped working (ISO date); null while it is open. Closed spaces are not counted; `closedCoordinationSpaces` lists them.',
    resolve: (s) => (s.closedOn ? isoDate(s.closedOn) : null),
  }),
  closedReason: t.exposeString('closedReason', { nullable: true, description: 'Why it closed, as recorded when it was closed.' }),
  isOpen: t.boolean({ description: 'Whether the space is working (it has no closing date).', resolve: (s) => s.closedOn === null }),
}));

builder.objectFields(IndicatorRef, (t) => ({
  version: t.exposeInt('version', versionField),
}));

builder.objectFields(ServiceResultRef, (t) => ({
  version: t.exposeInt('version', versionField),
}));

builder.objectFields(SourceRef, (t) => ({
  version: t.exposeInt('version', versionField),
}));

builder.objectFields(DocumentRef, (t) => ({
  version: t.exposeInt('version', versionField),
}));
