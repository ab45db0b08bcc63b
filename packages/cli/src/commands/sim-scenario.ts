import path from 'node:path';
import { WxbotError } from '@wxbot/core';
import type { Scenario } from '@wxbot/simulator';
import type { ResolvedConfig } from '../config';

/**
 * The scenario `sim.scenario` names: a JSON file in the simulator's scenario format, relative to
 * the config file. Undefined when none is set (the simulator's demo scenario then).
 */
export function simScenario(config: ResolvedConfig): Scenario | undefined {
  const name = config.sim.scenario;
  if (!name) return undefined;
  const file = path.resolve(config.configDir, name);
  try {
    // Loaded here, not at the top: only --sim needs the simulator.
    const { loadScenarioFile } = require('@wxbot/simulator') as typeof import('@wxbot/simulator');
    return loadScenarioFile(file);
  } catch (err) {
    const source = config.configFile ? path.relative(config.cwd, config.configFile) : 'config';
    throw new WxbotError('WXBOT_CONFIG_INVALID', `${source}: sim.scenario: expected a readable scenario JSON file (see packages/simulator/README.md), got ${JSON.stringify(name)}: ${(err as Error).message}`, { path: 'sim.scenario' }, { cause: err });
  }
}
