import { startSimulator } from './simulator';
import { loadScenarioFile } from './scenario/load';
import type { SimulatorOptions } from './options';

const USAGE = 'usage: wxbot-simulator [--port N] [--auto-confirm] [--scenario FILE] [--main-host H] [--long-poll-ms N] [--login-poll-ms N] [--strict] [--accounts N]';

function parseArgs(argv: string[]): SimulatorOptions {
  const options: SimulatorOptions = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  const int = (i: number, flag: string): number => {
    const n = Number(value(i, flag));
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port': options.port = int(i++, flag); break;
      case '--auto-confirm': options.autoConfirm = true; break;
      case '--scenario': options.scenario = loadScenarioFile(value(i++, flag)); break;
      case '--main-host': options.mainHost = value(i++, flag); break;
      case '--long-poll-ms': options.longPollMs = int(i++, flag); break;
      case '--login-poll-ms': options.loginPollMs = int(i++, flag); break;
      case '--strict': options.strict = true; break;
      case '--accounts': {
        const n = int(i++, flag);
        if (n < 1) throw new Error(`--accounts needs at least 1\n${USAGE}`);
        options.accounts = n;
        break;
      }
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
      default: throw new Error(`unknown option ${String(flag)}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const sim = await startSimulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(`webwx simulator listening on ${sim.url}\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
