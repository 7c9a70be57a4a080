import type { PrismaClient } from '../generated/prisma/client.js';
import type { SeedData } from '../seed-data/types.js';
import { coordinationSpaceName } from '../coordination-space-name.js';
import { publishUnrecorded } from '../revisions.js';

/** Turns an ISO date ("2021-07-27") into the UTC midnight Prisma stores. */
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export interface SeedResult {
  regions: number;
  coordinationSpaces: number;
  entities: number;
  services: number;
  datasets: number;
  observations: number;
}

/**
 * Loads the reviewed seed data. Idempotent: every record is upserted by its natural key
 * (slug, ubigeo code, key, number), so running it twice changes nothing and doubles
 * nothing. Runs in one transaction: a failure leaves the database as it was.
 */
export async function seed(prisma: PrismaClient, data: SeedData): Promise<SeedResult> {
  return prisma.$transaction(
    async (tx) => {
      const documentIds = new Map<string, string>();
      for (const d of data.documents) {
        const fields = { title: d.title, publisher: d.publisher, publishedOn: d.publishedOn, place: d.place ?? null };
        const row = await tx.document.upsert({ where: { key: d.key }, create: { key: d.key, ...fields }, update: fields });
        documentIds.set(d.key, row.id);
      }

      const sourceIds = new Map<string, string>();
      for (const s of data.sources) {
        const fields = {
          documentId: lookup(documentIds, s.document, `source ${s.key}`),
          section: s.section,
          slide: s.slide,
          quote: s.quote ?? null,
          citedWork: s.citedWork ?? null,
        };
        const row = await tx.source.upsert({ where: { key: s.key }, create: { key: s.key, ...fields }, update: fields });
        sourceIds.set(s.key, row.id);
      }
      const source = (key: string, what: string) => lookup(sourceIds, key, what);

      const regionIds = new Map<string, string>();
      const focus = new Set(data.focusRegions);
      const high = new Set(data.highIncidence.regions);
      for (const r of data.regions) {
        const fields = {
          code: r.code,
          name: r.name,
          isFocus: focus.has(r.slug),
          highIncidence: high.has(r.slug),
          highIncidenceSourceId: high.has(r.slug) ? source(data.highIncidence.source, `region ${r.slug}`) : null,
        };
        const row = await tx.region.upsert({ where: { slug: r.slug }, create: { slug: r.slug, ...fields }, update: fields });
        regionIds.set(r.slug, row.id);
      }
      const region = (slug: string, what: string) => lookup(regionIds, slug, what);

      for (const [position, c] of data.coordinationSpaces.entries()) {
        const regionName = data.regions.find((r) => r.slug === c.region)?.name ?? c.region;
        const fields = {
          name: coordinationSpaceName(c.level, regionName, c),
          level: c.level,
          regionId: region(c.region, `coordination space ${c.key}`),
          province: c.province ?? null,
          district: c.district ?? null,
          locality: c.locality ?? null,
          sourceText: c.sourceText,
          note: c.note ?? null,
          noteEn: c.noteEn ?? null,
          sourceId: source(c.source, `coordination space ${c.key}`),
          position,
        };
        await tx.coordinationSpace.upsert({ where: { key: c.key }, create: { key: c.key, ...fields }, update: fields });
      }

      const p = data.policy;
      const policyFields = {
        name: p.name,
        nameEn: p.nameEn,
        decree: p.decree,
        approvedOn: day(p.approvedOn),
        horizonYear: p.horizonYear,
        publicProblem: p.publicProblem,
        publicProblemEn: p.publicProblemEn,
        reportedServiceCount: p.reportedServiceCount,
        reportedEntityCount: p.reportedEntityCount,
        sourceId: source(p.source, 'policy'),
      };
      const policy = await tx.policy.upsert({ where: { key: p.key }, create: { key: p.key, ...policyFields }, update: policyFields });
      for (const o of p.objectives) {
        const fields = { title: o.title, titleEn: o.titleEn, focus: o.focus };
        await tx.policyObjective.upsert({
          where: { policyId_number: { policyId: policy.id, number: o.number } },
          create: { policyId: policy.id, number: o.number, ...fields },
          update: fields,
        });
      }

      const entityIds = new Map<string, string>();
      for (const [position, e] of data.entities.entries()) {
        const fields = {
          name: e.name,
          acronym: e.acronym,
          kind: e.kind,
          reportedServiceCount: e.reportedServiceCount,
          operationalActivityCount: e.operationalActivityCount ?? 0,
          sourceText: e.sourceText,
          note: e.note ?? null,
          noteEn: e.noteEn ?? null,
          position,
          policyId: policy.id,
          sourceId: source(e.source, `entity ${e.key}`),
        };
        const row = await tx.entity.upsert({ where: { key: e.key }, create: { key: e.key, ...fields }, update: fields });
        entityIds.set(e.key, row.id);
        for (const [unitPosition, u] of (e.units ?? []).entries()) {
          const unitFields = { acronym: u.acronym ?? null, position: unitPosition };
          await tx.entityUnit.upsert({
            where: { entityId_name: { entityId: row.id, name: u.name } },
            create: { entityId: row.id, name: u.name, ...unitFields },
            update: unitFields,
          });
        }
      }

      for (const s of data.services) {
        const fields = {
          name: s.name,
          nameEn: s.nameEn,
          entityId: lookup(entityIds, s.entity, `service ${s.number}`),
          entityAttribution: s.entityAttribution,
        };
        const row = await tx.service.upsert({ where: { number: s.number }, create: { number: s.number, ...fields }, update: fields });
        for (const r of s.results) {
          const resultFields = {
            achieved: r.achieved,
            unit: r.unit,
            unitEn: r.unitEn,
            executionRate: r.executionRate,
            sourceId: source(r.source, `service ${s.number} result ${r.year}`),
          };
          await tx.serviceResult.upsert({
            where: { serviceId_year: { serviceId: row.id, year: r.year } },
            create: { serviceId: row.id, year: r.year, ...resultFields },
            update: resultFields,
          });
        }
      }

      let observations = 0;
      for (const [position, d] of data.datasets.entries()) {
        const fields = {
          title: d.title,
          titleEn: d.titleEn,
          description: d.description,
          descriptionEn: d.descriptionEn,
          unit: d.unit,
          periodStart: day(d.periodStart),
          periodEnd: day(d.periodEnd),
          pendingReason: d.pending?.reason ?? null,
          pendingReasonEn: d.pending?.reasonEn ?? null,
          countsVictims: d.countsVictims ?? false,
          sourceId: source(d.source, `dataset ${d.key}`),
          position,
        };
        const dataset = await tx.dataset.upsert({ where: { key: d.key }, create: { key: d.key, ...fields }, update: fields });
        for (const [obsPosition, o] of d.observations.entries()) {
          const obsFields = {
            datasetId: dataset.id,
            label: o.label,
            labelEn: o.labelEn,
            value: o.value,
            unit: o.unit ?? d.unit,
            periodStart: day(o.periodStart ?? d.periodStart),
            periodEnd: day(o.periodEnd ?? d.periodEnd),
            scope: o.scope,
            regionId: o.region ? region(o.region, `observation ${o.key}`) : null,
            breakdownDimension: o.breakdown?.dimension ?? null,
            breakdownValue: o.breakdown?.value ?? null,
            baseLabel: o.base?.label ?? null,
            baseLabelEn: o.base?.labelEn ?? null,
            sourceId: source(o.source ?? d.source, `observation ${o.key}`),
            position: obsPosition,
          };
          await tx.observation.upsert({ where: { key: o.key }, create: { key: o.key, ...obsFields }, update: obsFields });
          observations++;
        }
      }

      for (const [position, a] of data.associatedActivities.entries()) {
        const fields = { name: a.name, nameEn: a.nameEn, position, sourceId: source(a.source, `activity ${a.key}`) };
        await tx.associatedActivity.upsert({ where: { key: a.key }, create: { key: a.key, ...fields }, update: fields });
      }

      for (const [position, c] of data.trainingCourses.entries()) {
        const fields = {
          name: c.name,
          audience: c.audience,
          audienceEn: c.audienceEn,
          modality: c.modality ?? null,
          position,
          sourceId: source(c.source, `course ${c.key}`),
        };
        await tx.trainingCourse.upsert({ where: { key: c.key }, create: { key: c.key, ...fields }, update: fields });
      }

      // The figures the seed loaded or corrected become public revisions (the first load: revision 1
      // of every figure and version 1 of every dataset); an unchanged seed publishes nothing.
      await publishUnrecorded(tx, { action: 'seed' });

      return {
        regions: data.regions.length,
        coordinationSpaces: data.coordinationSpaces.length,
        entities: data.entities.length,
        services: data.services.length,
        datasets: data.datasets.length,
        observations,
      };
    },
    { timeout: 60_000 },
  );
}

function lookup(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`Seed data: ${what} refers to unknown key "${key}"`);
  return id;
}
