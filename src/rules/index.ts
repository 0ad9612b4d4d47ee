// The rule registry: every rule the engine can run, in the order reports list them.
import type { RuleDefinition } from './define-rule.js';
import healthcheck from './healthcheck.js';
import nonRootUser from './non-root-user.js';
import ociLabels from './oci-labels.js';
import secretEnv from './secret-env.js';
import secretFile from './secret-file.js';
import secretHistory from './secret-history.js';
import secretLabel from './secret-label.js';
import sizeBudget from './size-budget.js';
import layerWaste from './layer-waste.js';
import buildHygiene from './build-hygiene.js';
import setuidFiles from './setuid-files.js';
import userAccounts from './user-accounts.js';
import worldWritable from './world-writable.js';
import buildSteps from './build-steps.js';
import sensitiveVolumes from './sensitive-volumes.js';
import imageTag from './image-tag.js';
import unwantedFiles from './unwanted-files.js';
import structure from './structure.js';

// Each definition is typed by its own options; the registry only needs the common shape.
export const rules: readonly RuleDefinition<unknown, string>[] = [
  sizeBudget,
  layerWaste,
  buildHygiene,
  ociLabels,
  nonRootUser,
  healthcheck,
  secretEnv,
  secretHistory,
  secretLabel,
  secretFile,
  setuidFiles,
  userAccounts,
  worldWritable,
  buildSteps,
  sensitiveVolumes,
  imageTag,
  unwantedFiles,
  structure,
];
