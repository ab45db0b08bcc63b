import { ACCOUNTS_USAGE } from './accounts';
import { START_USAGE } from './args';
import { FLEET_USAGE } from './fleet';
import { INIT_USAGE } from './init';
import { RECORD_USAGE, REPLAY_USAGE } from './record-usage';
import { TEST_USAGE } from './test-command';

export const DEV_USAGE = `Usage: wxbot dev [start options]

  Same as wxbot start --sim --chat: the bot runs against the built-in simulator and you chat
  with it in this terminal (/help lists the chat commands). Add --watch to reload plugins on save.`;

/** Every command with its one-line summary and usage: the one source of --help and docs/cli.md. */
export const COMMANDS = [
  { name: 'init', summary: 'create a bot project (config, sample plugin and test)', usage: INIT_USAGE },
  { name: 'start', summary: 'run the bot (QR login, or --sim for the simulator)', usage: START_USAGE },
  { name: 'dev', summary: 'run the bot against the simulator and chat with it here', usage: DEV_USAGE },
  { name: 'record', summary: "run the bot and save its incoming traffic, sanitised, for replay", usage: RECORD_USAGE },
  { name: 'replay', summary: 'feed a recording through the plugins offline; compare with a golden file', usage: REPLAY_USAGE },
  { name: 'fleet', summary: 'run many accounts in this process, shared with other workers', usage: FLEET_USAGE },
  { name: 'test', summary: "run the project's tests (node's test runner, TypeScript included)", usage: TEST_USAGE },
  { name: 'accounts', summary: 'add, list and remove the accounts of a Redis store', usage: ACCOUNTS_USAGE },
] as const;

export type CommandName = (typeof COMMANDS)[number]['name'];

/** `wxbot --help`. */
export const USAGE = `wxbot: WeChat bots on the Web WeChat protocol

Usage: wxbot <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)}  ${c.summary}`).join('\n')}

wxbot <command> --help shows the command's options; wxbot --version prints the version.`;
