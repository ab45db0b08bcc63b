import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Simulator, SentRecord } from '@wxbot/simulator';
import { terminalSafe } from '../logging/terminal-safe';

/** What the chat needs: a simulator the bot is logged in to, and the terminal's streams. */
export interface DevChatOptions {
  sim: Pick<Simulator, 'inject' | 'sent' | 'state'>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Relative paths of `/image` and `/file` are resolved from here. Default process.cwd(). */
  cwd?: string;
  /** Who you are at first. Default: the first friend of the scenario. */
  as?: string;
  /** How often the bot's sends are looked for. Default 50 ms. */
  pollMs?: number;
  /** Clock of the timestamps. */
  now?: () => Date;
}

/** The chat's commands, as `/help` prints them (and docs/cli.md shows). */
export const DEV_CHAT_HELP = `Type a message and press Enter to send it to the bot. Commands:
  /as NAME                  speak as this friend (or group member)
  /room TOPIC               speak in this group; /room alone goes back to a private chat
  /mention TEXT             say TEXT in the group, @-mentioning the bot
  /image PATH               send an image
  /file PATH                send a file
  /friend-request NAME [GREETING]  a stranger asks to be your friend
  /contacts                 list friends and groups
  /help                     this help
  /quit                     stop the bot and leave`;

const time = (d: Date): string => d.toTimeString().slice(0, 8);

const MEDIA_NAMES: Readonly<Record<number, string>> = { 3: 'image', 43: 'video', 47: 'emoticon', 6: 'file', 49: 'file' };

// Media sends as one line: what and how big, not the content (a file's is app-message XML).
// What the bot sends may quote a stranger (names, texts, file names): shown terminal-safe.
function describeSent(r: SentRecord): string {
  if (r.type === 1) return terminalSafe(r.content);
  // Link cards and forwarded mini-programs (webwxsendappmsg 5/33; the title is the record's fileName); forwarded locations (48).
  if (r.type === 5 || r.type === 33) return `[${r.type === 5 ? 'link' : 'mini-program'} ${terminalSafe(r.fileName ?? '')}]`;
  if (r.type === 48) return '[location]';
  const kind = MEDIA_NAMES[r.type];
  if (!kind) return `[type ${r.type}] ${terminalSafe(r.content)}`.trim();
  const details = [r.fileName === undefined ? undefined : terminalSafe(r.fileName), r.size !== undefined ? `${r.size} bytes` : undefined].filter(Boolean).join(', ');
  return `[${kind}${details ? ` ${details}` : ''}]`;
}

/**
 * `wxbot dev`: chat with the bot in the terminal. Lines you type are injected into the simulator
 * as messages from a friend (or a group member); what the bot sends appears with a timestamp.
 * Resolves when the input ends or on `/quit`.
 * @example
 * await runDevChat({ sim: running.sim, input: process.stdin, output: process.stdout });
 */
export async function runDevChat(options: DevChatOptions): Promise<void> {
  const { sim, output } = options;
  const now = options.now ?? (() => new Date());
  const cwd = options.cwd ?? process.cwd();
  const state = sim.state();
  let as = options.as ?? state.friends[0]?.nickName ?? 'Alice';
  let room: string | undefined;
  let seen = sim.sent().length;
  const rl = createInterface({ input: options.input, output, terminal: false, prompt: '' });
  const print = (line: string): void => void output.write(`${line}\n`);
  const prompt = (): void => void output.write(`${room ? `${as} in ${room}` : as}> `);

  // In a terminal the replies replace the waiting prompt (cleared, not left empty above them).
  const isTTY = (output as { isTTY?: boolean }).isTTY === true;
  const showReplies = (): void => {
    const sent = sim.sent();
    if (sent.length === seen) return;
    output.write(isTTY ? '\r\x1b[2K' : '\n');
    for (const r of sent.slice(seen)) print(`[${time(new Date(r.at))}] bot → ${terminalSafe(r.to)}: ${describeSent(r)}`);
    seen = sent.length;
    prompt();
  };
  const poll = setInterval(showReplies, options.pollMs ?? 50);

  const from = () => ({ from: as, ...(room ? { room } : {}) });
  const said = (what: string): void => print(`[${time(now())}] ${as}${room ? ` in ${room}` : ''} → bot: ${what}`);

  const commands: Record<string, (arg: string) => Promise<void> | void> = {
    help: () => print(DEV_CHAT_HELP),
    as: (arg) => {
      if (!arg) return print(`you are ${as}; /as NAME to change`);
      as = arg;
      print(`you are now ${as}`);
    },
    room: (arg) => {
      room = arg || undefined;
      print(room ? `now speaking in ${room}` : 'back to a private chat');
    },
    mention: (arg) => {
      if (!room) return print('/mention works in a group: /room TOPIC first');
      sim.inject({ kind: 'text', text: arg, mention: true, ...from() });
      said(`@bot ${arg}`);
    },
    // The file's own bytes are what the bot downloads (not bytes the simulator makes up).
    image: async (arg) => {
      if (!arg) return print('usage: /image PATH');
      const data = await readFile(resolve(cwd, arg));
      sim.inject({ kind: 'image', data, ...from() });
      said(`[image ${basename(arg)}, ${data.length} bytes]`);
    },
    file: async (arg) => {
      if (!arg) return print('usage: /file PATH');
      const data = await readFile(resolve(cwd, arg));
      sim.inject({ kind: 'file', fileName: basename(arg), size: data.length, data, ...from() });
      said(`[file ${basename(arg)}, ${data.length} bytes]`);
    },
    'friend-request': (arg) => {
      const [name, ...rest] = arg.split(/\s+/);
      if (!name) return print('usage: /friend-request NAME [GREETING]');
      const greeting = rest.join(' ');
      sim.inject({ kind: 'friend-request', nickName: name, ...(greeting ? { greeting } : {}) });
      print(`[${time(now())}] friend request from ${name}${greeting ? `: ${greeting}` : ''}`);
    },
    contacts: () => {
      const s = sim.state();
      print(terminalSafe(`friends: ${s.friends.map((f) => f.nickName).join(', ')}`));
      print(terminalSafe(`groups: ${s.groups.map((g) => `${g.topic} (${g.members.length})`).join(', ')}`));
    },
  };

  print(`Chatting with your bot as ${as}. /help lists the commands.`);
  prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      try {
        if (line.startsWith('/')) {
          const [name = '', ...rest] = line.slice(1).split(' ');
          const command = commands[name];
          if (command) await command(rest.join(' ').trim());
          else print(`unknown command /${name}; /help lists them`);
        } else if (line) {
          sim.inject({ kind: 'text', text: line, ...from() });
          said(line);
        }
      } catch (err) {
        print(`error: ${terminalSafe((err as Error).message)}`);
      }
      prompt();
    }
  } finally {
    clearInterval(poll);
    showReplies();
    rl.close();
  }
}
