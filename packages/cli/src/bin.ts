import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accounts } from './commands/accounts';
import { UsageError } from './commands/args';
import { CliError } from './commands/cli-error';
import { runDevChat } from './commands/dev-chat';
import { describeFailure } from './commands/fatal-error';
import { runFleet } from './commands/fleet';
import { init } from './commands/init';
import { start, type StartedBot } from './commands/start';
import { runTests } from './commands/test-command';
import { COMMANDS, USAGE } from './commands/usage';

/**
 * Runs until SIGINT/SIGTERM, the bot stopping by itself, or (with --chat) the chat ending. The
 * signal handlers are installed before the bot starts: a signal while it is still logging in
 * (waiting out a network failure, or for a QR scan) ends the process at once, as there is
 * nothing to finish yet.
 */
async function runBot(starting: () => Promise<StartedBot>): Promise<number> {
  let stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`wxbot: ${signal} before the login completed; exiting\n`);
    process.exit(0);
  };
  process.once('SIGINT', (signal) => stop(signal));
  process.once('SIGTERM', (signal) => stop(signal));
  const running = await starting();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stopBot = (reason: Record<string, unknown>): void => {
      if (stopping) return;
      stopping = true;
      running.bot.log.info(reason, 'stopping');
      void running.stop().then(resolve, resolve);
    };
    stop = (signal) => stopBot({ signal });
    running.bot.on('state', (state) => {
      if (state === 'stopped' && !stopping) resolve();
    });
    if (running.args.chat && running.sim) {
      void runDevChat({ sim: running.sim, input: process.stdin, output: process.stdout, cwd: process.cwd() }).then(() => stopBot({ reason: 'chat ended' }));
    }
  });
  return 0;
}

/** This CLI's version, from its package.json (dist/ and src/ both sit one level below it). */
function version(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    // Bad usage, as everywhere else: the usage on stderr and exit code 2.
    process.stderr.write(`wxbot: a command is needed\n\n${USAGE}\n`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const known = COMMANDS.find((c) => c.name === command);
  if (!known) throw new UsageError(`unknown command "${command}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${known.usage}\n`);
    return 0;
  }
  const io = { cwd: process.cwd(), env: process.env, write: (t: string) => void process.stdout.write(t) };
  switch (known.name) {
    case 'init':
      await init(rest, io);
      return 0;
    case 'test':
      return runTests(rest, io);
    case 'dev':
      return runBot(() => start(['--sim', '--chat', ...rest]));
    case 'start':
      return runBot(() => start(rest));
    case 'record':
      // Loaded only for these commands: they bring @wxbot/testkit (and the simulator) along.
      return runBot(() => (require('./commands/record') as typeof import('./commands/record')).record(rest));
    case 'replay':
      return (require('./commands/replay-command') as typeof import('./commands/replay-command')).runReplay(rest, io);
    case 'fleet':
      return runFleet(rest, io);
    case 'accounts':
      await accounts(rest, io);
      return 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`wxbot: ${err.message}\n\n${USAGE}\n`);
    else if (err instanceof CliError) {
      process.stderr.write(`wxbot: ${err.message}\n`);
      process.exit(1);
    } else process.stderr.write(describeFailure(err));
    process.exit(2);
  },
);
