// The usage texts of wxbot record and wxbot replay, apart from the commands: --help and usage.ts
// must not load @wxbot/testkit (and the simulator with it).

export const RECORD_USAGE = `Usage: wxbot record --out FILE [start options]

  Runs the bot as wxbot start does (the same options, --sim and --dry-run included) and saves
  its incoming traffic to FILE as JSON lines: the address book at each login, then every
  webwxsync answer (messages, contact changes). Sanitised as it is written: no cookies, tickets
  or keys, every UserName replaced by a placeholder stable within the file (@self, @contact1,
  @@group1). Media bytes are not kept. Feed it to wxbot replay. Stop with Ctrl-C.

  --out FILE           where to write the recording (created 0600, replaced if it exists)`;

export const REPLAY_USAGE = `Usage: wxbot replay FILE [options]

  Feeds a recording (wxbot record --out FILE) through the configured plugins, offline, and
  prints what they would send, one line each. Nothing is sent; no login is needed.

  --config FILE        use this config file's plugins (default: search for bot.config.ts, ...)
  --expect GOLDEN      compare with a golden file; exit 1 and show the difference if it differs
  --update             write the golden file (with --expect) instead of comparing
  --json               print the actions as JSON lines (the golden file's format)
  --log-level LEVEL    the plugins' log to stderr (default: warn)`;
