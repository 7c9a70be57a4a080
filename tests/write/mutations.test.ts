/**
 * What the mutations do, over real HTTP: validation that names the field, payloads that
 * return the changed object, one audit entry per change, closing spaces, optimistic
 * versions, and concurrent writers losing nothing. Values marked TEST FIXTURE are invented
 * for these tests only; they are not in the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startWriteServer, type WriteServer } from './support.js';

let server: WriteServer;
beforeAll(async () => {
  server = await startWriteServer();
});
afterAll(() => server?.stop());

const UPSERT_RESULT = `mutation ($input: UpsertServiceResultInput!) {
  upsertServiceResult(input: $input) { created changed result { year achieved executionRate version source { key section } }
    service { number results { year achieved executionRate } } } }`;
const UPSERT_INDICATOR = `mutation ($input: UpsertIndicatorInput!) {
  upsertIndicator(input: $input) { created changed indicator { key value unit periodStart periodEnd scope region { code } area version source { key } }
    dataset { key status observationCount pendingReason } } }`;
const AUDIT = `query ($key: String) { auditLog(first: 100, subjectKey: $key) { totalCount edges { node { action actor at subjectType subjectKey before after } } } }`;

async function audit(key: string) {
  const { data, errors } = await server.as('ADMIN', AUDIT, { key });
  expect(errors).toBeUndefined();
  return data.auditLog.edges.map((e: any) => e.node);
}

describe('upsertServiceResult (the contract)', () => {
  it('corrects a result and returns the service with its results; the audit entry has before and after', async () => {
    const r = await server.as('EDITOR', UPSERT_RESULT, { input: { serviceNumber: 20, year: 2023, achieved: 2606, executionRate: 157.6 } });
    expect(r.errors).toBeUndefined();
    const payload = r.data.upsertServiceResult;
    expect(payload).toMatchObject({ created: false, changed: true, result: { year: 2023, achieved: 2606, executionRate: 157.6, version: 2 } });
    expect(payload.result.source.key).toBe('policy-decentralisation');
    expect(payload.service).toEqual({ number: 20, results: [{ year: 2023, achieved: 2606, executionRate: 157.6 }] });
    const [entry] = await audit('20/2023');
    expect(entry).toMatchObject({ action: 'upsertServiceResult', actor: server.keys.EDITOR.name, subjectType: 'ServiceResult' });
    expect(entry.before).toMatchObject({ serviceNumber: 20, year: 2023, achieved: 2605, executionRate: 157.5, version: 1 });
    expect(entry.after).toMatchObject({ achieved: 2606, executionRate: 157.6, version: 2 });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
  });

  it('adds a new year with the contract input alone, cited as entered in Vigía by the editor', async () => {
    const r = await server.as('EDITOR', UPSERT_RESULT, { input: { serviceNumber: 4, year: 2024, achieved: 900, executionRate: null } });
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertServiceResult.created).toBe(true);
    expect(r.data.upsertServiceResult.result.source.section).toBe(`Registrado en Vigía por «${server.keys.EDITOR.name}», sin documento citado`);
    expect(r.data.upsertServiceResult.service.results.map((x: any) => x.year)).toEqual([2023, 2024]);
  });

  it('sending the same values again changes nothing and writes no audit entry', async () => {
    const before = await server.fingerprint();
    const r = await server.as('EDITOR', UPSERT_RESULT, { input: { serviceNumber: 4, year: 2024, achieved: 900 } });
    expect(r.data.upsertServiceResult).toMatchObject({ created: false, changed: false });
    expect(await server.fingerprint()).toBe(before);
  });

  it.each([
    [{ serviceNumber: 7, year: 2023, achieved: 1 }, 'serviceNumber', /no service 7 in the data \(it details services 4, 20\)/],
    [{ serviceNumber: 4, year: 2019, achieved: 1 }, 'year', /between 2021 .* and \d{4}/],
    [{ serviceNumber: 4, year: 2023, achieved: -5 }, 'achieved', /must not be negative/],
    [{ serviceNumber: 4, year: 2023, achieved: 5, executionRate: 1185 }, 'executionRate', /percentage of at most 1000/],
    [{ serviceNumber: 4, year: 2023, achieved: 5, executionRate: -1 }, 'executionRate', /at least 0/],
    [{ serviceNumber: 4, year: 2023, achieved: 5, sourceKey: 'nope' }, 'sourceKey', /unknown source "nope"/],
  ])('refuses %j, naming %s, and changes nothing', async (input, field, message) => {
    const before = await server.fingerprint();
    const r = await server.as('EDITOR', UPSERT_RESULT, { input });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(await server.fingerprint()).toBe(before);
  });
});

describe('upsertIndicator', () => {
  const fixture = {
    datasetKey: 'nna-victims-attended-upe-2018-2023',
    label: 'TEST FIXTURE: NNA víctimas atendidas en Cusco, 2019',
    labelEn: 'TEST FIXTURE: child victims attended in Cusco, 2019',
    scope: 'REGION',
    regionCode: '08',
    periodStart: '2019-01-01',
    periodEnd: '2019-12-31',
  };

  it('publishes a pending dataset with its first figure, with the dataset defaults', async () => {
    const r = await server.as('EDITOR', UPSERT_INDICATOR, { input: { key: 'test-fixture-upe-cusco-2019', value: 14, ...fixture } });
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertIndicator).toMatchObject({
      created: true,
      indicator: { key: 'test-fixture-upe-cusco-2019', value: 14, unit: 'víctimas NNA', scope: 'REGION', region: { code: '08' }, version: 1, source: { key: 'upe-victims' } },
      dataset: { status: 'PUBLISHED', observationCount: 1, pendingReason: null },
    });
  });

  it('corrects one value with a partial input and keeps the rest', async () => {
    const r = await server.as('EDITOR2', UPSERT_INDICATOR, { input: { key: 'test-fixture-upe-cusco-2019', value: 15 } });
    expect(r.data.upsertIndicator).toMatchObject({ created: false, changed: true, indicator: { value: 15, version: 2, periodStart: '2019-01-01' } });
    const [entry] = await audit('test-fixture-upe-cusco-2019');
    expect(entry).toMatchObject({ actor: server.keys.EDITOR2.name, before: { value: 14, version: 1 }, after: { value: 15, version: 2 } });
  });

  it.each([
    [{ key: 'Bad Key', value: 1 }, 'key', /lower-case letters/],
    [{ key: 'test-fixture-x', value: 1, datasetKey: 'nope' }, 'datasetKey', /unknown dataset "nope"/],
    [{ key: 'test-fixture-x', value: 1, regionCode: 'atlantis' }, 'regionCode', /unknown region "atlantis"/],
    [{ key: 'test-fixture-x', value: 1, periodStart: '2019-02-30' }, 'periodStart', /real date/],
    [{ key: 'test-fixture-x', value: 1, periodStart: '2017-01-01' }, 'periodStart', /within the dataset's period, 2018-01-01 to 2023-01-31/],
    [{ key: 'test-fixture-x', value: 1, periodEnd: '2018-12-31', periodStart: '2019-01-01' }, 'periodEnd', /not be before periodStart/],
    [{ key: 'test-fixture-x', value: 2.5 }, 'value', /counts people: the value must be a whole number/],
    [{ key: 'test-fixture-x', value: -1 }, 'value', /must not be negative/],
    [{ key: 'test-fixture-x', value: 1, scope: 'NATIONAL' }, 'regionCode', /must be empty for a NATIONAL figure/],
    [{ key: 'test-fixture-x', value: 1, scope: 'DISTRICT' }, 'area', /is required for a DISTRICT figure/],
    [{ key: 'test-fixture-x', value: 1, breakdownDimension: 'sex' }, 'breakdownValue', /needs both its dimension and its value/],
    [{ key: 'test-fixture-x', label: undefined, value: 1 }, 'label', /required for a new indicator/],
  ])('refuses %j, naming %s', async (input, field, message) => {
    const before = await server.fingerprint();
    const r = await server.as('EDITOR', UPSERT_INDICATOR, { input: { ...fixture, ...input } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(await server.fingerprint()).toBe(before);
  });

  it('refuses a share above 100 %', async () => {
    const r = await server.as('EDITOR', UPSERT_INDICATOR, { input: { key: 'victims-women-share', value: 185.3 } });
    expect(errorOf(r)).toEqual({ code: 'BAD_USER_INPUT', message: 'value: a percentage must be between 0 and 100; got 185.3' });
  });

  it('refuses a write on top of a change the caller has not seen (expectedVersion)', async () => {
    const stale = await server.as('EDITOR', UPSERT_INDICATOR, { input: { key: 'test-fixture-upe-cusco-2019', value: 16, expectedVersion: 1 } });
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(errorOf(stale).message).toMatch(/expectedVersion: indicator "test-fixture-upe-cusco-2019" is at version 2, not 1/);
    const fresh = await server.as('EDITOR', UPSERT_INDICATOR, { input: { key: 'test-fixture-upe-cusco-2019', value: 16, expectedVersion: 2 } });
    expect(fresh.data.upsertIndicator.indicator).toMatchObject({ value: 16, version: 3 });
  });
});

describe('coordination spaces: create, update, close with a date, reopen', () => {
  const SUMMARY = `query ($c: String!) { coordinationSpaceSummary(regionCode: $c) { provincial district total }
    region(code: $c) { coordinationSpaceSummary { total } coordinationSpaces(first: 50) { totalCount edges { node { key } } } }
    closedCoordinationSpaces(regionCode: $c) { totalCount edges { node { key closedOn closedReason isOpen } } } }`;
  const summary = async () => (await server.as(null, SUMMARY, { c: 'puno' })).data;

  it('creates a space in a region with a default key and name, and it counts', async () => {
    const r = await server.as('EDITOR', `mutation ($input: CreateCoordinationSpaceInput!) {
      createCoordinationSpace(input: $input) { coordinationSpace { key name level province district isOpen version region { slug } } } }`, {
      input: { level: 'DISTRICT', regionCode: '21', province: 'Puno', district: 'Acora (TEST FIXTURE)', sourceText: 'TEST FIXTURE', sourceKey: 'coordination-spaces-five-regions' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.createCoordinationSpace.coordinationSpace).toEqual({
      key: 'puno-acora-test-fixture',
      name: 'Espacio de coordinación distrital contra la trata de personas de Acora (TEST FIXTURE)',
      level: 'DISTRICT',
      province: 'Puno',
      district: 'Acora (TEST FIXTURE)',
      isOpen: true,
      version: 1,
      region: { slug: 'puno' },
    });
    expect((await summary()).coordinationSpaceSummary).toEqual({ provincial: 3, district: 3, total: 8 });
  });

  it.each([
    [{ key: 'puno-acora-test-fixture', level: 'PROVINCIAL', province: null }, 'province', /is required for a PROVINCIAL space/],
    [{ key: 'puno-acora-test-fixture', regionCode: '99' }, 'regionCode', /unknown region "99"/],
    [{ key: 'no-such-space', note: 'x' }, 'key', /no coordination space "no-such-space"/],
  ])('refuses an update %j naming %s', async (input, field, message) => {
    const r = await server.as('EDITOR', `mutation ($input: UpdateCoordinationSpaceInput!) { updateCoordinationSpace(input: $input) { coordinationSpace { key } } }`, { input });
    expect(r.errors?.[0]?.extensions?.field).toBe(field);
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('closes a space on a date: it stops counting and is listed apart, with its history kept', async () => {
    const CLOSE = `mutation ($input: CloseCoordinationSpaceInput!) { closeCoordinationSpace(input: $input) { coordinationSpace { key isOpen closedOn closedReason } } }`;
    const future = await server.as('EDITOR', CLOSE, { input: { key: 'puno-desaguadero', closedOn: '2999-01-01' } });
    expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^closedOn: must not be in the future/) });
    const badDate = await server.as('EDITOR', CLOSE, { input: { key: 'puno-desaguadero', closedOn: '31/12/2024' } });
    expect(errorOf(badDate).message).toMatch(/^closedOn: must be a real date written YYYY-MM-DD/);

    const r = await server.as('EDITOR', CLOSE, { input: { key: 'puno-desaguadero', closedOn: '2024-12-31', reason: 'TEST FIXTURE: merged' } });
    expect(r.data.closeCoordinationSpace.coordinationSpace).toEqual({ key: 'puno-desaguadero', isOpen: false, closedOn: '2024-12-31', closedReason: 'TEST FIXTURE: merged' });
    const s = await summary();
    expect(s.coordinationSpaceSummary).toEqual({ provincial: 3, district: 2, total: 7 });
    expect(s.region.coordinationSpaceSummary.total).toBe(7);
    expect(s.region.coordinationSpaces.edges.map((e: any) => e.node.key)).not.toContain('puno-desaguadero');
    expect(s.closedCoordinationSpaces.edges).toEqual([{ node: { key: 'puno-desaguadero', closedOn: '2024-12-31', closedReason: 'TEST FIXTURE: merged', isOpen: false } }]);
    const again = await server.as('EDITOR', CLOSE, { input: { key: 'puno-desaguadero', closedOn: '2025-01-01' } });
    expect(errorOf(again).message).toMatch(/already closed \(since 2024-12-31\)/);

    const reopen = await server.as('ADMIN', `mutation { reopenCoordinationSpace(input: { key: "puno-desaguadero" }) { coordinationSpace { isOpen } } }`);
    expect(reopen.data.reopenCoordinationSpace.coordinationSpace.isOpen).toBe(true);
    expect((await summary()).coordinationSpaceSummary.total).toBe(8);
    const entries = await audit('puno-desaguadero');
    expect(entries.map((e: any) => e.action)).toEqual(['reopenCoordinationSpace', 'closeCoordinationSpace']);
  });
});

describe('documents and sources', () => {
  it('creates a document and a source that a figure can then cite', async () => {
    const doc = await server.as('EDITOR', `mutation { upsertDocument(input: { key: "test-fixture-report", title: "TEST FIXTURE report", publisher: "Test", publishedOn: "2025-03", url: "https://example.org/r.pdf" }) { created document { key publishedOn url version } } }`);
    expect(doc.data.upsertDocument).toEqual({ created: true, document: { key: 'test-fixture-report', publishedOn: '2025-03', url: 'https://example.org/r.pdf', version: 1 } });
    const bad = await server.as('EDITOR', `mutation { upsertDocument(input: { key: "test-fixture-report", url: "javascript:alert(1)" }) { document { key } } }`);
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'url: must be an http or https URL' });
    const badDate = await server.as('EDITOR', `mutation { upsertDocument(input: { key: "test-fixture-report", publishedOn: "March 2025" }) { document { key } } }`);
    expect(errorOf(badDate).message).toMatch(/^publishedOn: must be an ISO date/);
    const src = await server.as('EDITOR', `mutation { upsertSource(input: { key: "test-fixture-table-1", documentKey: "test-fixture-report", section: "TEST FIXTURE table 1", slide: 3 }) { source { key title section slide version } } }`);
    expect(src.data.upsertSource.source).toEqual({ key: 'test-fixture-table-1', title: 'TEST FIXTURE report', section: 'TEST FIXTURE table 1', slide: 3, version: 1 });
    const noDoc = await server.as('EDITOR', `mutation { upsertSource(input: { key: "test-fixture-table-2", documentKey: "nope", section: "x" }) { source { key } } }`);
    expect(errorOf(noDoc).message).toBe('documentKey: unknown document "nope" (create it first with upsertDocument)');
  });
});

describe('concurrent writers', () => {
  it('lose no update: every write sees the one before it, and versions count every change', async () => {
    const writers = Array.from({ length: 12 }, (_, i) =>
      server.as(i % 2 ? 'EDITOR' : 'EDITOR2', UPSERT_RESULT, { input: { serviceNumber: 4, year: 2023, achieved: 1000 + i } }),
    );
    const results = await Promise.all(writers);
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const entries = (await audit('4/2023')).reverse();
    expect(entries).toHaveLength(12);
    // A chain: each change's "before" is exactly the previous change's "after".
    for (let i = 1; i < entries.length; i++) expect(entries[i].before).toEqual(entries[i - 1].after);
    expect(entries.map((e: any) => e.after.version)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    const final = await server.as(null, '{ service(number: 4) { results { year achieved version } } }');
    expect(final.data.service.results[0]).toEqual({ year: 2023, achieved: entries.at(-1).after.achieved, version: 13 });
  });

  it('with the same expectedVersion, exactly one of two writers wins and the other gets CONFLICT', async () => {
    const { data } = await server.as(null, '{ indicator(key: "police-trained-tacna") { version } }');
    const version = data.indicator.version;
    const [a, b] = await Promise.all(
      [321, 322].map((value, i) =>
        server.as(i ? 'EDITOR' : 'EDITOR2', UPSERT_INDICATOR, { input: { key: 'police-trained-tacna', value, expectedVersion: version } }),
      ),
    );
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    expect(await audit('police-trained-tacna')).toHaveLength(1);
  });
});
