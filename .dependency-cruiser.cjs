// The floors of src/, lowest first (docs/architecture.md explains each). A file may import from its own
// floor or any floor below; an import that runs up a floor, or any circle of imports, fails `npm run deps`
// (part of `npm run lint`, which `npm test` runs). Type-only imports count: a circle of types is still a
// circle for whoever has to change one of them.
//
// A new folder or top-level file under src/ goes on a floor here, or the `not-on-a-floor` rule fails.
const FLOORS = [
  { name: 'core', paths: ['core'] },
  { name: 'basics', paths: ['config', 'reference', 'packages', 'deadline.ts', 'version.ts', 'types'] },
  { name: 'image contents', paths: ['layers', 'image', 'secrets', 'archives'] },
  { name: 'rules', paths: ['rules'] },
  { name: 'reading', paths: ['sources', 'registry', 'cache'] },
  { name: 'engine', paths: ['engine', 'exit-code.ts'] },
  { name: 'outputs', paths: ['reporters', 'audit', 'attest'] },
  { name: 'entry points', paths: ['cli', 'index.ts'] },
];

/** `^src/(a|b\.ts)(/|$)` for a floor's folders and files. */
function pathsPattern(paths) {
  const alternatives = paths.map((p) => p.replace(/\./g, '\\.')).join('|');
  return `^src/(${alternatives})(/|$)`;
}

const upward = FLOORS.slice(0, -1).map((floor, index) => ({
  name: `no-upward-import-from-${floor.name.replace(/ /g, '-')}`,
  comment: `"${floor.name}" may import only from its own floor and below`,
  severity: 'error',
  from: { path: pathsPattern(floor.paths) },
  to: { path: pathsPattern(FLOORS.slice(index + 1).flatMap((above) => above.paths)) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'a circle of imports (type-only included) makes every file in it depend on every other',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-on-a-floor',
      comment: 'every folder and top-level file of src/ is on a floor (FLOORS above)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: pathsPattern(FLOORS.flatMap((floor) => floor.paths)) },
    },
    {
      name: 'not-on-a-floor-importing',
      comment: 'every folder and top-level file of src/ is on a floor (FLOORS above), even one nothing imports yet',
      severity: 'error',
      from: { path: '^src/', pathNot: pathsPattern(FLOORS.flatMap((floor) => floor.paths)) },
      to: {},
    },
    {
      name: 'no-unresolvable',
      comment: 'an import that does not resolve is a typo or a missing dependency',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
