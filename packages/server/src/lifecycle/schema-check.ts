/**
 * The API's lifecycle rules, checked with @graphql-inspector/core over the published SDL
 * (packages/schema/schema.graphql) and its git history:
 *
 * 1. The server's schema is the committed SDL (else: run `pnpm schema:print`).
 * 2. Every breaking change between two published versions is recorded in CHANGELOG.md, in a
 *    "Breaking" section that names its schema coordinate (e.g. `Region.population`).
 * 3. A field is deprecated (`@deprecated`) in a published version before one removes it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildSchema, isInputObjectType, isInterfaceType, isObjectType, printSchema, type GraphQLSchema } from 'graphql';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

export interface Problem {
  /** Where: "server vs SDL" or "<from>..<to>" (commits). */
  between: string;
  message: string;
}

/** Coordinates a CHANGELOG.md records as breaking: backticked names in its "Breaking" sections. */
export function recordedBreakingChanges(changelog: string): Set<string> {
  const recorded = new Set<string>();
  let inBreaking = false;
  for (const line of changelog.split('\n')) {
    const heading = /^#{2,6}\s+(.*)$/.exec(line);
    if (heading) {
      inBreaking = /breaking/i.test(heading[1]!);
      continue;
    }
    if (!inBreaking) continue;
    for (const match of line.matchAll(/`([_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*){0,2})`/g)) recorded.add(match[1]!);
  }
  return recorded;
}

function wasDeprecated(schema: GraphQLSchema, path: string): boolean {
  const [typeName, fieldName] = path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !fieldName || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) return false;
  return Boolean(type.getFields()[fieldName]?.deprecationReason);
}

/** The problems with going from `before` to `after` (both SDL text), given the changelog. */
export async function checkEvolution(before: string, after: string, changelog: string, between: string): Promise<Problem[]> {
  const oldSchema = buildSchema(before);
  const newSchema = buildSchema(after);
  const changes: Change[] = await diff(oldSchema, newSchema);
  const recorded = recordedBreakingChanges(changelog);
  const problems: Problem[] = [];
  for (const change of changes) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const path = change.path ?? '';
    if (change.type === 'FIELD_REMOVED' && !wasDeprecated(oldSchema, path)) {
      problems.push({
        between,
        message: `${change.message}: mark it @deprecated(reason: "…") in a published version first, and remove it in a later one.`,
      });
      continue;
    }
    const coordinates = [path, path.split('.').slice(0, 2).join('.'), path.split('.')[0]!];
    if (!coordinates.some((c) => c && recorded.has(c))) {
      problems.push({
        between,
        message: `Breaking change not recorded in CHANGELOG.md: ${change.message}. Add a "### Breaking" entry naming \`${path}\`.`,
      });
    }
  }
  return problems;
}

export interface LifecycleOptions {
  /** The server's schema, as built now. */
  schema: GraphQLSchema;
  sdlPath: string;
  changelogPath: string;
  repoRoot: string;
}

/** Runs the three rules; git history is used when the repository has it (else rule 2 and 3 see only now). */
export async function checkSchemaLifecycle({ schema, sdlPath, changelogPath, repoRoot }: LifecycleOptions): Promise<{ problems: Problem[]; versions: number }> {
  const problems: Problem[] = [];
  const committed = readFileSync(sdlPath, 'utf8');
  // Compared as SDL on both sides: a live schema holds enums' internal values (e.g. "es" for ES).
  const changes = await diff(buildSchema(committed), buildSchema(printSchema(schema)));
  if (changes.length) {
    const list = changes.map((c) => `  ${c.criticality.level}: ${c.message}`).join('\n');
    problems.push({ between: 'server vs SDL', message: `The server's schema differs from ${relative(repoRoot, sdlPath)}; run \`pnpm schema:print\`:\n${list}` });
  }
  const changelog = readFileSync(changelogPath, 'utf8');
  const file = relative(repoRoot, sdlPath);
  let commits: string[] = [];
  try {
    commits = execFileSync('git', ['log', '--format=%H', '--reverse', '--', file], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean);
  } catch {
    // No git (an unpacked tarball): only the working copy can be checked.
  }
  const versions: { label: string; sdl: string }[] = commits.map((commit) => ({
    label: commit.slice(0, 10),
    sdl: execFileSync('git', ['show', `${commit}:${file}`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  }));
  if (!versions.length || versions.at(-1)!.sdl !== committed) versions.push({ label: 'working tree', sdl: committed });
  for (let i = 1; i < versions.length; i++) {
    problems.push(...(await checkEvolution(versions[i - 1]!.sdl, versions[i]!.sdl, changelog, `${versions[i - 1]!.label}..${versions[i]!.label}`)));
  }
  return { problems, versions: versions.length };
}
