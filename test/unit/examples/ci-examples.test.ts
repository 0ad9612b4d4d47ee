// The CI examples, the GitHub Action and the GitLab template must be copy-pasteable: every expression
// an example uses exists for its trigger (a workflow_run event has no outputs; a job reads another's
// output only through needs), every input it passes to the action exists, and the action hands each
// input to its entry point.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): unknown => parse(readFileSync(join(REPO, path), 'utf8'));

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: unknown;
  jobs: Record<string, Job>;
}
interface Action {
  inputs: Record<string, { required?: boolean }>;
  runs: { steps: Step[] };
}

const action = read('action.yml') as Action;

/** Fields of the event payloads the examples may read (GitHub's "Events that trigger workflows"). */
const EVENT_FIELDS: Record<string, string[]> = {
  pull_request: ['pull_request', 'number', 'action', 'repository'],
  push: ['ref', 'before', 'after', 'head_commit', 'repository'],
  workflow_run: ['workflow_run', 'workflow', 'action', 'repository'],
  release: ['release', 'action', 'repository'],
};
// A workflow_run payload describes the run: it carries no outputs of its jobs.
const WORKFLOW_RUN_FIELDS = ['id', 'head_sha', 'head_branch', 'conclusion', 'event', 'name', 'html_url', 'run_number', 'status'];

function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on as string[];
  return Object.keys(on as object);
}

function expressions(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1]!.trim());
}

/** Problems with one expression used in `job` of `workflow`, or [] when it can be evaluated. */
function problems(expression: string, workflow: Workflow, jobName: string, stepIds: string[]): string[] {
  const events = triggers(workflow.on);
  const job = workflow.jobs[jobName]!;
  const needs = job.needs === undefined ? [] : [job.needs].flat();
  const found: string[] = [];
  for (const [ref] of expression.matchAll(/\b(?:github|needs|steps|inputs|secrets)(?:\.[\w-]+)+/g)) {
    const [root, a, b, c] = ref.split('.');
    if (root === 'github' && a === 'event') {
      if (!events.some((event) => EVENT_FIELDS[event]?.includes(b!))) found.push(`${ref}: no ${events.join('/')} event has "${b}"`);
      if (b === 'workflow_run' && !WORKFLOW_RUN_FIELDS.includes(c!)) found.push(`${ref}: a workflow_run payload has no "${c}"`);
    } else if (root === 'needs') {
      if (!needs.includes(a!)) found.push(`${ref}: job ${jobName} does not need ${a}`);
      else if (b !== 'outputs' || workflow.jobs[a!]?.outputs?.[c!] === undefined) found.push(`${ref}: job ${a} declares no output ${c}`);
    } else if (root === 'steps' && !stepIds.includes(a!)) found.push(`${ref}: no earlier step has id ${a}`);
    else if (root === 'inputs' && !events.some((event) => event === 'workflow_call' || event === 'workflow_dispatch'))
      found.push(`${ref}: the workflow takes no inputs`);
  }
  return found;
}

const examples = readdirSync(join(REPO, 'examples', 'ci')).filter((file) => file.endsWith('.yml'));
const workflows = examples.filter((file) => 'jobs' in (read(`examples/ci/${file}`) as object));

describe.each(workflows)('examples/ci/%s', (file) => {
  const workflow = read(`examples/ci/${file}`) as Workflow;

  it('uses only expressions that exist for its triggers', () => {
    const found: string[] = [];
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      for (const value of Object.values(job.outputs ?? {}))
        found.push(
          ...problems(
            expressions(value)[0] ?? '',
            workflow,
            jobName,
            (job.steps ?? []).flatMap((s) => (s.id ? [s.id] : [])),
          ),
        );
      const ids: string[] = [];
      for (const step of job.steps ?? []) {
        for (const expression of expressions(step)) found.push(...problems(expression, workflow, jobName, ids));
        if (step.id) ids.push(step.id);
      }
    }
    expect(found).toEqual([]);
  });

  it('passes the action only inputs it has, and every required one', () => {
    const uses = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.uses?.endsWith('/imagegate@TAG'));
    for (const step of uses) {
      expect(Object.keys(step.with ?? {}).filter((key) => !(key in action.inputs))).toEqual([]);
      for (const [name, spec] of Object.entries(action.inputs)) if (spec.required) expect(step.with).toHaveProperty(name);
    }
  });

  it('never runs an unpublished package through npx', () => {
    expect(readFileSync(join(REPO, 'examples', 'ci', file), 'utf8')).not.toMatch(/npx\s+(--yes\s+)?imagegate/);
  });
});

describe('action.yml', () => {
  it('hands every input to the entry point as INPUT_<NAME>, and the entry point reads exactly those', () => {
    const step = action.runs.steps.find((s) => s.run?.includes('action/run.mjs'))!;
    const passed = Object.keys(step.env ?? {}).sort();
    expect(passed).toEqual(
      Object.keys(action.inputs)
        .map((name) => `INPUT_${name.toUpperCase().replace(/-/g, '_')}`)
        .sort(),
    );
    const entry = readFileSync(join(REPO, 'action', 'run.mjs'), 'utf8');
    const read = [...entry.matchAll(/input\('([A-Z_]+)'\)/g)].map((m) => `INPUT_${m[1]}`);
    expect(new Set(read)).toEqual(new Set(passed));
  });
});

describe('the GitLab template', () => {
  it('defines the hidden job the example extends, with the variables the example sets', () => {
    const template = read('integrations/gitlab/imagegate.gitlab-ci.yml') as Record<string, { variables: Record<string, string> }>;
    const example = read('examples/ci/gitlab-ci.yml') as { include: { file: string }[] } & Record<
      string,
      { extends?: string; variables?: Record<string, string> }
    >;
    expect(example.include[0]!.file).toBe('integrations/gitlab/imagegate.gitlab-ci.yml');
    const job = example['image-gate']!;
    expect(job.extends).toBe('.imagegate');
    const own = Object.keys(job.variables ?? {}).filter((name) => name.startsWith('IMAGEGATE_'));
    expect(own.filter((name) => !(name in template['.imagegate']!.variables))).toEqual([]);
  });
});
