import { WxbotError } from '@wxbot/core';
import { UsageError, START_USAGE } from './commands/args';
import { start } from './commands/start';

const USAGE = `wxbot: WeChat bots on the Web WeChat protocol

Usage: wxbot <command> [options]

Commands:
  start     run the bot (wxbot start --help)

${START_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  if (command !== 'start') throw new UsageError(`unknown command "${command}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  const running = await start(rest);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      running.bot.log.info({ signal }, 'stopping');
      void running.stop().then(resolve, resolve);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    running.bot.on('state', (state) => {
      if (state === 'stopped' && !stopping) resolve();
    });
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`wxbot: ${err.message}\n\n${USAGE}\n`);
    else if (err instanceof WxbotError) process.stderr.write(`wxbot: ${err.message} [${err.code}]\n`);
    else process.stderr.write(`wxbot: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
