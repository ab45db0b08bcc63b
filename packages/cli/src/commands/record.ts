import path from 'node:path';
import { Recorder, type RecordedStore } from '@wxbot/testkit';
import { UsageError } from './args';
import { start, type StartedBot, type StartIo } from './start';

/** `--out FILE` taken out of the arguments; the rest are `wxbot start`'s. */
function splitOut(argv: readonly string[]): { out: string; rest: string[] } {
  const rest: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--out') out = argv[++i];
    else if (arg.startsWith('--out=')) out = arg.slice(6);
    else rest.push(arg);
  }
  if (!out || out.startsWith('--')) throw new UsageError('wxbot record needs --out FILE (where to write the recording)');
  return { out, rest };
}

/**
 * `wxbot record --out FILE`: `wxbot start` with a {@link Recorder} on the bot's incoming traffic.
 * The recorder is fed by the bot's `tap` (every webwxsync answer) and its `login` event.
 */
export async function record(argv: readonly string[], io: StartIo = { write: (t) => process.stdout.write(t), cwd: process.cwd(), env: process.env }): Promise<StartedBot> {
  const { out, rest } = splitOut(argv);
  const file = path.resolve(io.cwd, out);
  let store: RecordedStore | undefined;
  const recorder = new Recorder(file, () => {
    if (!store) throw new Error('recorder used before the bot exists');
    return store;
  });
  io.write(`recording incoming traffic to ${file}\n`);
  const running = await start(rest, io, {
    botOptions: { tap: { batch: (res) => recorder.batch(res) } },
    beforeStart(bot) {
      store = bot.contacts as unknown as RecordedStore;
      bot.on('login', () => recorder.login());
    },
  }).catch((err: unknown) => {
    recorder.close();
    throw err;
  });
  return {
    ...running,
    async stop() {
      await running.stop();
      recorder.close();
      io.write(`recorded ${recorder.count} lines to ${file}\n`);
    },
  };
}
