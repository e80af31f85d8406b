/** Tiny command-line parsing for the bench scripts: `--name value` and bare `--flag`. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args.set(arg.slice(2), 'true');
    else {
      args.set(arg.slice(2), next);
      i += 1;
    }
  }
  return args;
}

/** A positive integer option, with a default; accepts 1e5 and 100_000. */
export function intArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got ${raw}`);
  return value;
}

/**
 * Settings of S for an A/B run: each `BENCH_S_<NAME>` of the bench's environment is S's `<NAME>`, such as
 * `BENCH_S_JIT_EXECUTION=false npm run bench -- ...` for S on graphql-js alone.
 */
export function settingsForS(env: NodeJS.ProcessEnv): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (name.startsWith('BENCH_S_') && value !== undefined) settings[name.slice(8)] = value;
  return settings;
}
